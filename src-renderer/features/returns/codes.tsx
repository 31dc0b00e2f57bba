import { toSVG } from 'bwip-js/browser';

// The RMA number as a Code 128 barcode and a QR code (drawn by bwip-js as vectors, sharp when
// printed): the customer puts it in the parcel or on it, and the bench scans either.
const svg = (bcid: 'code128' | 'qrcode', text: string) =>
  `data:image/svg+xml;utf8,${encodeURIComponent(toSVG(bcid === 'code128' ? { bcid, text, height: 12, includetext: true } : { bcid, text }))}`;

export function RmaCodes({ number }: { number: string }) {
  return (
    <div className="rma-codes" data-testid="rma-codes">
      <img src={svg('code128', number)} alt={number} height={70} />
      <img src={svg('qrcode', number)} alt={number} height={80} />
    </div>
  );
}
