import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';

/** On an order's page: the orders it ships with in one parcel (nothing when it ships alone). */
export function OrderMerge({ orderId, version }: { orderId: string; version: number }) {
  const { t } = useTranslation();
  const r = useLoad(() => call('orderMerge', { params: { id: orderId } }), [orderId, version]);
  const s = r.data?.shipment;
  if (!s) return null;
  const others = s.orders.filter((o) => o.id !== orderId).map((o) => o.number).join(', ');
  return (
    <div className="order-rules" data-testid="order-merge">
      <h3>{t('merges.orderBox')}</h3>
      <div className="small">{t('merges.orderShipsWith', { orders: others, state: t(`merges.states.${s.state}`), by: t(`merges.byKinds.${s.by}`) })}</div>
    </div>
  );
}
