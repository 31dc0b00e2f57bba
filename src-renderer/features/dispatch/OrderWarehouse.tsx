// On an order: its warehouse, the transfer suggestions when that warehouse is short, a split
// order's shipments (one per warehouse), and (leads, admins) re-routing it by hand or by the routing
// again, with a reason (audited). A choice by hand stays until "By the routing" gives it back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-main/contract/people';
import type { Order } from '../../../src-main/contract/orders';
import { call, failureText } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { useWarehouses } from './WarehousePicker';

export function OrderWarehouse({ order, role }: { order: Order; role: Role }) {
  const { t } = useTranslation();
  const routing = useLoad(() => call('orderRouting', { params: { id: order.id } }), [order.id, order.version]);
  const warehouses = useWarehouses();
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = routing.data;
  if (!r) return null;
  const name = warehouses.data?.items.find((w) => w.id === r.warehouseId)?.name ?? r.warehouse ?? '—';
  const canRoute = (role === 'lead' || role === 'admin') && ['new', 'ready', 'allocated', 'on_hold', 'exception'].includes(order.state);
  const send = async () => {
    setError(null);
    try {
      await call('routeOrder', { params: { id: order.id }, body: { warehouse: to || undefined, clearManual: !to, reason: reason.trim() } });
      setOpen(false);
      setReason('');
      routing.reload();
    } catch (e) {
      setError(failureText(e, { warehouse: t('routing.rerouteTo'), reason: t('routing.reason') }));
    }
  };
  return (
    <div data-testid="order-warehouse">
      <h3>{t('routing.orderWarehouse')}</h3>
      <div><b data-warehouse={r.warehouse}>{name}</b> {canRoute && !open && <button className="ghost" onClick={() => setOpen(true)}>{t('routing.reroute')}</button>}</div>
      {r.manual && <div className="small muted" data-testid="order-route-manual">{t('routing.manual')}</div>}
      {r.splitOf && <div className="alert" data-testid="order-split-of">{t('routing.partOf', { number: r.splitOf.number })} <a href={`#/orders/${r.splitOf.orderId}`}>{r.splitOf.number}</a></div>}
      {r.shipments.length > 0 && (
        <div data-testid="order-shipments">
          <b>{t('routing.splitTitle', { n: r.shipments.length })}</b>
          <table className="table">
            <thead><tr><th>{t('routing.shipment')}</th><th>{t('warehouses.column')}</th><th>{t('routing.state')}</th><th>{t('routing.lines')}</th></tr></thead>
            <tbody>
              {r.shipments.map((p) => (
                <tr key={p.orderId} data-shipment={p.number} className={p.orderId === order.id ? 'selected' : undefined}>
                  <td className="mono">{p.orderId === order.id ? p.number : <a href={`#/orders/${p.orderId}`}>{p.number}</a>}</td>
                  <td>{warehouses.data?.items.find((w) => w.id === p.warehouseId)?.name ?? p.warehouse}</td>
                  <td>{t(`states.${p.state}`)}</td>
                  <td style={{ whiteSpace: 'nowrap' }}>{p.lines.map((l) => `${l.qty} × ${l.sku}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.transfers.length > 0 && (
        <div className="alert warning" data-testid="order-transfers">
          <b>{t('routing.transfers')}</b>
          {r.transfers.map((x) => <div key={x.sku + (x.from ?? '')}>{t('routing.transferLine', { qty: x.qty, sku: x.sku, from: x.from ?? t('routing.buy') })}</div>)}
        </div>
      )}
      {open && (
        <form className="reason" onSubmit={(e) => (e.preventDefault(), void send())}>
          <label>{t('routing.rerouteTo')} <select className="wh-select" name="warehouse" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('routing.routeAgain')}</option>
            {(warehouses.data?.items ?? []).filter((w) => w.active).map((w) => <option key={w.id} value={w.code}>{w.name}</option>)}
          </select></label>
          <input name="reason" required value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('routing.reason')} />
          <button className="primary" type="submit">{t('common.confirm')}</button>
          <button type="button" className="ghost" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
        </form>
      )}
      {error && <div className="alert error" role="alert">{error}</div>}
    </div>
  );
}
