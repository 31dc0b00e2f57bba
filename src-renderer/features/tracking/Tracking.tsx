// Tracking (issue 16): every handed-over parcel on its way to the door, stalled ones first with what
// to do; and the journey of an order's parcels on the order's detail (OrderTracking).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import { TRACKING_STATUSES, type TrackedParcel, type TrackingStatus } from '../../../src-main/contract/tracking';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';

/** The order-state colours, reused: moving, done, needs someone, gone wrong. */
const TONE: Record<TrackingStatus, string> = {
  info_received: 's-allocated', picked_up: 's-in_wave', in_transit: 's-in_wave', out_for_delivery: 's-packing', failed_attempt: 's-exception',
  delivered: 's-shipped', returned_to_sender: 's-cancelled', refused: 's-cancelled', exception: 's-exception', expired: 's-cancelled',
};

export function TrackingBadge({ status }: { status: TrackingStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${TONE[status]}`} data-status={status}>{t(`tracking.statuses.${status}`)}</span>;
}

function Stall({ p }: { p: TrackedParcel }) {
  const { t } = useTranslation();
  if (!p.stall) return null;
  return <div className="alert warning small" data-stall={p.stall}><b>{t(`tracking.stalls.${p.stall}`)}</b> · {t(`tracking.todo.${p.stall}`)}</div>;
}

export function Tracking({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TrackingStatus | ''>('');
  const [stalled, setStalled] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const list = useLoad(() => call('listTracking', { query: { ...(status ? { status } : {}), ...(stalled ? { stalled: '1' as const } : {}), limit: 200 } }), [status, stalled]);
  useLiveReload((e) => e.entity === 'order' || e.entity === 'exception', list.reload);
  const manage = role === 'lead' || role === 'admin';
  const act = async (what: 'poll' | 'scan') => {
    try {
      if (what === 'poll') {
        const r = await call('pollTracking');
        setMsg(t('tracking.polled', { subscribed: r.subscribed, polled: r.polled }) + (r.errors.length ? ` · ${r.errors[0]}` : ''));
      } else setMsg(t('tracking.scanned', { count: (await call('scanStalls')).raised }));
      list.reload();
    } catch (e) {
      setMsg(failureText(e));
    }
  };
  const items = list.data?.items ?? [];
  const counts = list.data?.counts ?? {};
  return (
    <div className="tracking" data-testid="tracking">
      <header className="detail-head">
        <h2>{t('tracking.title')}</h2>
        {(counts.stalled ?? 0) > 0 && <span className="badge s-exception">{t('tracking.stalledCount', { count: counts.stalled })}</span>}
      </header>
      <div className="actions">
        <select value={status} onChange={(e) => setStatus(e.target.value as TrackingStatus | '')} aria-label={t('tracking.status')}>
          <option value="">{t('tracking.all')}</option>
          {TRACKING_STATUSES.map((s) => <option key={s} value={s}>{t(`tracking.statuses.${s}`)} ({counts[s] ?? 0})</option>)}
        </select>
        <label><input type="checkbox" checked={stalled} onChange={(e) => setStalled(e.target.checked)} /> {t('tracking.stalledOnly')}</label>
        {manage && <button className="secondary" onClick={() => void act('poll')}>{t('tracking.pollNow')}</button>}
        {manage && <button className="secondary" onClick={() => void act('scan')}>{t('tracking.scanNow')}</button>}
      </div>
      {msg && <div className="alert ok" role="status">{msg}</div>}
      {list.error && <div className="alert error">{list.error}</div>}
      {items.length === 0 && !list.loading ? <p className="muted">{t('tracking.none')}</p> : (
        <table className="table compact">
          <thead><tr><th>{t('tracking.waybill')}</th><th>{t('tracking.order')}</th><th>{t('tracking.carrier')}</th><th>{t('tracking.status')}</th><th>{t('tracking.lastEvent')}</th><th>{t('tracking.handedOver')}</th></tr></thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.waybill} data-waybill={p.waybill} className={p.stall ? 'low' : ''}>
                <td className="mono">{p.waybill}</td>
                <td className="mono"><a href={`#/orders/${p.orderId}`}>{p.orderNumber}</a></td>
                <td>{p.carrier}</td>
                <td><TrackingBadge status={p.status} /><Stall p={p} /></td>
                <td className="small">{p.lastContext ?? '—'} <span className="muted">{formatTime(p.lastEventAt)}</span></td>
                <td className="small muted">{formatTime(p.handedOverAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The journey of an order's parcels, on the order's detail. */
export function OrderTracking({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const data = useLoad(() => call('orderTracking', { params: { id: orderId } }), [orderId]);
  useLiveReload((e) => e.entityId === orderId, data.reload);
  const items = data.data?.items ?? [];
  return (
    <section className="order-tracking" data-testid="order-tracking">
      <h3>{t('tracking.journey')}</h3>
      {items.length === 0 && <p className="muted small">{t('tracking.notTracked')}</p>}
      {items.map((p) => (
        <div key={p.waybill} data-waybill={p.waybill}>
          <div><span className="mono">{p.carrier} {p.waybill}</span> <TrackingBadge status={p.status} /></div>
          <Stall p={p} />
          {!p.subscribedAt && p.subscribeError && <div className="muted small">{t('tracking.notSubscribed', { error: p.subscribeError })}</div>}
          {p.events.length === 0 ? <p className="muted small">{t('tracking.noEvents')}</p> : (
            <ol className="history">
              {p.events.map((e) => (
                <li key={e.at + e.context}><span className="muted small">{formatTime(e.at)}</span> <TrackingBadge status={e.status} /> {e.context}</li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}
