import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManifestParcel } from '../../../src-main/contract/shipping';
import { call, callFile, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';

const kg = (g: number) => (g / 1000).toFixed(2);

/** Downloads a manifest's PDF (and opens it where the window may). */
async function manifestPdf(id: string, number: string) {
  const url = URL.createObjectURL(await callFile('manifestPdf', { params: { id } }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `manifest-${number}.pdf`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** End of day: the parcels waiting per carrier; handing them over prints the manifest and ships the orders. */
export function Handover({ canManage, warehouse }: { canManage: boolean; warehouse?: string }) {
  const { t } = useTranslation();
  // A manifest is one warehouse's handover: the warehouse picked on the console ("all": every one's list).
  const where = warehouse || undefined;
  const pending = useLoad(() => call('pendingHandover', { query: { warehouse: where } }), [where]);
  const manifests = useLoad(() => call('listManifests', { query: { limit: 20, warehouse: where } }), [where]);
  const [look, setLook] = useState<{ carrier: string; items: ManifestParcel[] } | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useLiveReload((e) => e.entity === 'order' || e.entity === 'manifest', () => {
    pending.reload();
    manifests.reload();
  });

  const run = async (fn: () => Promise<void>) => {
    setMsg(null);
    try {
      await fn();
    } catch (e) {
      setMsg({ kind: 'error', text: failureText(e) });
    }
  };
  const show = (carrier: string) => run(async () => setLook({ carrier, items: (await call('pendingParcels', { params: { carrier }, query: { warehouse: where } })).items }));
  const handOver = (carrier: string) => run(async () => {
    const m = await call('handOver', { body: { carrier, warehouse: where } });
    setConfirm(null);
    setLook(null);
    setMsg({ kind: 'ok', text: t('waves.handedOver', { number: m.number, carrier: carrier.toUpperCase(), parcels: m.parcels, kg: kg(m.weightG) }) });
    pending.reload();
    manifests.reload();
    await manifestPdf(m.id, m.number);
  });

  const rows = pending.data?.items ?? [];
  return (
    <div className="handover" data-testid="handover">
      <h2>{t('waves.endOfDay')}</h2>
      <p className="muted small">{t('waves.handoverHint')}</p>
      {msg && <div className={`alert ${msg.kind === 'error' ? 'error' : 'ok'}`} role={msg.kind === 'error' ? 'alert' : 'status'}>{msg.text}</div>}
      {rows.length === 0 ? <div className="empty">{t('waves.nothingToHandOver')}</div> : (
        <table className="table" data-testid="pending-handover">
          <thead><tr><th>{t('orders.carrier')}</th><th className="num">{t('waves.parcels')}</th><th className="num">{t('waves.orders')}</th><th className="num">{t('waves.weight')}</th><th /></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.carrier} data-carrier={r.carrier}>
                <td><b>{r.carrier.toUpperCase()}</b></td><td className="num big-num">{r.parcels}</td><td className="num">{r.orders}</td><td className="num">{kg(r.weightG)} kg</td>
                <td className="actions">
                  <button className="ghost" onClick={() => void show(r.carrier)}>{t('waves.showParcels')}</button>
                  {canManage && (confirm === r.carrier
                    ? <><button className="primary" onClick={() => void handOver(r.carrier)} data-testid="confirm-handover">{t('waves.confirmHandover', { parcels: r.parcels })}</button>
                      <button className="ghost" onClick={() => setConfirm(null)}>{t('common.cancel')}</button></>
                    : <button className="secondary" onClick={() => setConfirm(r.carrier)}>{t('waves.handOver')}</button>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {look && (
        <>
          <h3>{t('waves.parcelsFor', { carrier: look.carrier.toUpperCase() })}</h3>
          <table className="table compact">
            <thead><tr><th>{t('waves.waybill')}</th><th>{t('orders.number')}</th><th>{t('waves.piece')}</th><th>{t('waves.destination')}</th><th className="num">kg</th></tr></thead>
            <tbody>{look.items.map((p) => <tr key={p.parcelId}><td className="mono">{p.waybill}</td><td className="mono">{p.orderNumber}</td><td>{p.seq}/{p.count}</td><td>{p.destination}</td><td className="num">{kg(p.weightG)}</td></tr>)}</tbody>
          </table>
        </>
      )}
      <h3>{t('waves.manifests')}</h3>
      {(manifests.data?.items ?? []).length === 0 ? <div className="muted small">{t('waves.noManifests')}</div> : (
        <table className="table compact" data-testid="manifests">
          <thead><tr><th>{t('waves.manifest')}</th><th>{t('orders.carrier')}</th><th>{t('warehouses.column')}</th><th className="num">{t('waves.parcels')}</th><th className="num">{t('waves.weight')}</th><th>{t('waves.handedOverAt')}</th><th /></tr></thead>
          <tbody>
            {manifests.data!.items.map((m) => (
              <tr key={m.id}>
                <td className="mono">{m.number}</td><td>{m.carrier.toUpperCase()}</td><td>{m.warehouse ?? ''}</td><td className="num">{m.parcels}</td><td className="num">{kg(m.weightG)} kg</td><td className="nowrap">{formatTime(m.createdAt)}</td>
                <td><button className="ghost" onClick={() => void run(() => manifestPdf(m.id, m.number))}>PDF</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
