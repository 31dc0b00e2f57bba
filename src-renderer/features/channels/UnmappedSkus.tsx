// Channel SKUs that arrived without a mapping: their orders wait on hold. A lead or admin maps one
// here (Settings -> Channels, or on a held order's page) and the orders it held are released.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnmappedSku } from '../../../src-main/contract/channels';
import type { Role } from '../../../src-main/contract/people';
import { call, failureText } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';

const canMap = (role: Role) => role === 'lead' || role === 'admin';

/** All unmapped channel SKUs, or one order's (`orderId`: shown only when it has some). */
export function UnmappedSkus({ role, orderId }: { role: Role; orderId?: string }) {
  const { t } = useTranslation();
  const list = useLoad(() => call('listUnmappedSkus', { query: { orderId } }), [orderId]);
  useLiveReload((e) => e.type === 'order.sku_mapped' || e.type === 'order.created', list.reload, 1000);
  const items = list.data?.items ?? [];
  if (orderId && items.length === 0) return null;
  return (
    <section className="unmapped-skus" data-testid="unmapped-skus">
      <h3>{t('channels.unmapped.title')}</h3>
      <p className="muted small">{t(orderId ? 'channels.unmapped.orderHint' : 'channels.unmapped.hint')}</p>
      {list.error && <div className="alert error" role="alert">{list.error}</div>}
      {!orderId && items.length === 0 && !list.loading && <p className="muted">{t('channels.unmapped.none')}</p>}
      {items.length > 0 && (
        <table className="table compact">
          <thead><tr><th>{t('channels.unmapped.channel')}</th><th>{t('channels.unmapped.channelSku')}</th><th>{t('channels.unmapped.name')}</th><th className="num">{t('channels.unmapped.orders')}</th><th>{canMap(role) ? t('channels.unmapped.ourSku') : ''}</th></tr></thead>
          <tbody>{items.map((u) => <Row key={u.channel + u.channelSku} u={u} role={role} showOrder={!orderId} onMapped={list.reload} />)}</tbody>
        </table>
      )}
    </section>
  );
}

function Row({ u, role, showOrder, onMapped }: { u: UnmappedSku; role: Role; showOrder: boolean; onMapped: () => void }) {
  const { t } = useTranslation();
  const [sku, setSku] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const map = async (e: React.FormEvent) => {
    e.preventDefault();
    setMsg(null);
    try {
      const m = await call('putSkuMapping', { body: { channel: u.channel, channelSku: u.channelSku, sku: sku.trim() } });
      setMsg({ ok: true, text: t('channels.unmapped.mapped', { channelSku: u.channelSku, sku: m.sku }) });
      onMapped();
    } catch (err) {
      setMsg({ ok: false, text: failureText(err, { sku: t('channels.unmapped.ourSku') }) });
    }
  };
  return (
    <tr data-channel-sku={u.channelSku}>
      <td>{u.channel}</td>
      <td className="mono">{u.channelSku}</td>
      <td>{u.name ?? ''}</td>
      <td className="num">{u.orders}{showOrder && <> · <a href={`#/orders/${u.firstOrder.id}`} className="mono">{u.firstOrder.number}</a></>}</td>
      <td>
        {canMap(role) && (
          <form className="form-row" onSubmit={(e) => void map(e)}>
            <input name="sku" value={sku} onChange={(e) => setSku(e.target.value)} placeholder={t('channels.unmapped.ourSkuHint')} aria-label={t('channels.unmapped.ourSku')} autoComplete="off" required />
            <button type="submit" className="primary">{t('channels.unmapped.map')}</button>
          </form>
        )}
        {msg && <div className={`alert ${msg.ok ? 'ok' : 'error'}`} role={msg.ok ? 'status' : 'alert'}>{msg.text}</div>}
      </td>
    </tr>
  );
}
