// Receiving by scanning: pick where the goods come from and the bin, then scan. Each scan of the
// keyboard-wedge scanner (lib/wedge.ts) adds one of its code; a case barcode counts its units.
// Nothing is stored until "Receive": the core takes the whole receipt or none of it.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, failureText } from '../../lib/api';
import { useScans } from '../../lib/wedge';
import { RECEIPT_SOURCES } from '../../../src-main/contract/inventory';

interface Line { code: string; scans: number; sku: string | null; name: string; unitsPerScan: number }

/** What a scanned code is: the product whose barcode or SKU code it is, with the barcode's units. */
async function lookUp(code: string): Promise<Omit<Line, 'scans'>> {
  const r = await call('listSkus', { query: { q: code, status: 'all', limit: 5 } });
  for (const s of r.items) {
    const b = s.barcodes.find((x) => x.code === code);
    if (b) return { code, sku: s.sku, name: s.name, unitsPerScan: b.units };
    if (s.sku === code) return { code, sku: s.sku, name: s.name, unitsPerScan: 1 };
  }
  return { code, sku: null, name: '', unitsPerScan: 0 };
}

export function Receive() {
  const { t } = useTranslation();
  const [source, setSource] = useState<(typeof RECEIPT_SOURCES)[number]>('supplier');
  const [reference, setReference] = useState('');
  const [bin, setBin] = useState('');
  const [typed, setTyped] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const pending = useRef(new Map<string, Promise<Omit<Line, 'scans'>>>());
  const codeField = useRef<HTMLInputElement>(null);
  // Enter in the delivery note or the bin goes on to the code field, where a scanner's code and
  // Enter add one (a scan made with no field focused is taken too, through useScans)
  const toCodes = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    codeField.current?.focus();
  };

  const add = (code: string) => {
    code = code.trim();
    if (!code) return;
    setMsg(null);
    // one look-up per new code; every scan counts at once
    setLines((ls) => (ls.some((l) => l.code === code) ? ls.map((l) => (l.code === code ? { ...l, scans: l.scans + 1 } : l)) : [...ls, { code, scans: 1, sku: null, name: '…', unitsPerScan: 0 }]));
    if (!pending.current.has(code)) {
      const p = lookUp(code);
      pending.current.set(code, p);
      void p.then((info) => setLines((ls) => ls.map((l) => (l.code === code ? { ...info, scans: l.scans } : l))));
    }
  };
  useScans((s) => add(s.code));

  const unknown = lines.some((l) => l.sku === null && l.name !== '…');
  const units = lines.reduce((n, l) => n + l.scans * l.unitsPerScan, 0);
  const receive = async () => {
    try {
      const r = await call('receiveStock', { body: { source, reference, location: bin.trim(), lines: lines.map((l) => ({ code: l.code, qty: l.scans })) } });
      setMsg({ ok: true, text: t('inventory.received', { units: r.units, bin: bin.trim() }) });
      setLines([]);
      pending.current.clear();
    } catch (e) {
      setMsg({ ok: false, text: failureText(e, {
        source: t('inventory.source'), reference: t('inventory.reference'), location: t('inventory.bin'),
        ...Object.fromEntries(lines.map((l, i) => [`lines.${i}`, `${t('inventory.code')} ${l.code}`])),
      }) });
    }
  };
  return (
    <section className="pane receive" data-testid="receive">
      <div className="form-row">
        <label>{t('inventory.source')}
          <select name="source" value={source} onChange={(e) => setSource(e.target.value as typeof source)}>
            {RECEIPT_SOURCES.map((s) => <option key={s} value={s}>{t(`inventory.sources.${s}`)}</option>)}
          </select>
        </label>
        <label>{t('inventory.reference')}<input name="reference" value={reference} onChange={(e) => setReference(e.target.value)} onKeyDown={toCodes} autoComplete="off" /></label>
        <label>{t('inventory.bin')}<input name="bin" className="mono" value={bin} onChange={(e) => setBin(e.target.value)} onKeyDown={toCodes} placeholder="A-01-01-1" autoComplete="off" /></label>
      </div>
      <p className="scan-hint">{t('inventory.scanHint')}</p>
      <form className="searchbar" onSubmit={(e) => (e.preventDefault(), add(typed), setTyped(''))}>
        <input ref={codeField} name="code" className="mono" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('inventory.code')} autoComplete="off" />
        <button type="submit">+1</button>
      </form>
      {lines.length === 0 ? <div className="empty">{t('inventory.nothingScanned')}</div> : (
        <table className="table" data-testid="receive-lines">
          <thead><tr><th>{t('inventory.code')}</th><th>SKU</th><th>{t('inventory.product')}</th><th className="num">{t('inventory.scans')}</th><th className="num">{t('inventory.units')}</th><th /></tr></thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.code} className={l.sku === null && l.name !== '…' ? 'low' : ''} data-testid={`receive-${l.code}`}>
                <td className="mono">{l.code}</td><td className="mono">{l.sku ?? ''}</td><td>{l.sku === null && l.name !== '…' ? <span className="warn">{t('inventory.unknown')}</span> : l.name}</td>
                <td className="num">{l.scans}</td><td className="num big-count">{l.scans * l.unitsPerScan}</td>
                <td><button className="ghost" onClick={() => setLines((ls) => ls.filter((x) => x.code !== l.code))}>{t('products.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button className="primary big" disabled={lines.length === 0 || unknown || !bin.trim()} onClick={receive} data-testid="receive-submit">{t('inventory.receive', { count: units })}</button>
        <button onClick={() => (setLines([]), pending.current.clear())}>{t('inventory.clear')}</button>
      </div>
      {msg && <div className={`alert ${msg.ok ? 'ok' : 'error'}`} role="status" data-testid="receive-result">{msg.text}</div>}
    </section>
  );
}
