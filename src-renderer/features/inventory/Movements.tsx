// Every change of stock, newest first: filter by SKU, bin, kind, person and date; page on.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api';
import { useLoad } from '../../lib/hooks';
import { formatTime } from '../../lib/ui';
import { MOVEMENT_KINDS, type Movement, type MovementKind } from '../../../src-main/contract/inventory';

const EMPTY = { sku: '', location: '', kind: '', actor: '', from: '', to: '' };

export function Movements() {
  const { t } = useTranslation();
  // the Products screen's "Movements" link names the SKU
  const [f, setF] = useState(() => ({ ...EMPTY, sku: sessionStorage.getItem('pl_movements_sku') ?? '' }));
  const [applied, setApplied] = useState(f);
  const [more, setMore] = useState<Movement[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const query = (before?: number) => ({ ...Object.fromEntries(Object.entries(applied).filter(([, v]) => v)), kind: (applied.kind || undefined) as MovementKind | undefined, before, limit: 100 });
  const page = useLoad(async () => {
    sessionStorage.removeItem('pl_movements_sku');
    const r = await call('listMovements', { query: query() });
    setMore([]);
    setCursor(r.nextCursor);
    return r;
  }, [applied]);
  const loadMore = async () => {
    if (cursor === null) return;
    const r = await call('listMovements', { query: query(cursor) });
    setMore((m) => [...m, ...r.items]);
    setCursor(r.nextCursor);
  };
  const items = [...(page.data?.items ?? []), ...more];
  // the people seen in these movements, for the person filter
  const people = new Map(items.map((m) => [m.actor, m.actorName ?? m.actor]));
  if (applied.actor && !people.has(applied.actor)) people.set(applied.actor, applied.actor);
  const input = (k: keyof typeof EMPTY, label: string, type = 'text') => <label>{label}<input name={k} type={type} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} autoComplete="off" /></label>;
  return (
    <section className="pane" data-testid="movements">
      <form className="form-row movement-filters" onSubmit={(e) => (e.preventDefault(), setApplied(f))}>
        {input('sku', 'SKU')}
        {input('location', t('inventory.bin'))}
        <label>{t('inventory.kind')}
          <select name="kind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            <option value="">{t('inventory.anyKind')}</option>
            {MOVEMENT_KINDS.map((k) => <option key={k} value={k}>{t(`inventory.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('inventory.person')}
          <select name="actor" value={f.actor} onChange={(e) => setF({ ...f, actor: e.target.value })}>
            <option value="">{t('inventory.anyone')}</option>
            {[...people].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </label>
        {input('from', t('inventory.from'), 'date')}
        {input('to', t('inventory.to'), 'date')}
        <button className="primary" type="submit">{t('inventory.filters')}</button>
      </form>
      {page.error && <div className="alert error">{page.error}</div>}
      <table className="table compact" data-testid="movements-table">
        <thead><tr><th>{t('inventory.when')}</th><th>{t('inventory.kind')}</th><th>SKU</th><th>{t('orders.name')}</th><th>{t('inventory.bin')}</th><th className="num">{t('inventory.change_')}</th><th className="num">{t('inventory.after')}</th><th>{t('inventory.reason')}</th><th>{t('inventory.ref')}</th><th>{t('inventory.person')}</th></tr></thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id} data-kind={m.kind}>
              <td className="nowrap">{formatTime(m.at)}</td><td>{t(`inventory.kinds.${m.kind}`)}</td><td className="mono">{m.sku}</td><td>{m.name}</td><td className="mono">{m.location}</td>
              <td className={`num ${m.onHandDelta < 0 ? 'warn' : ''}`}>{m.onHandDelta > 0 ? `+${m.onHandDelta}` : m.onHandDelta}{m.inTransitDelta ? ` (${m.inTransitDelta > 0 ? '+' : ''}${m.inTransitDelta} ${t('products.inTransit')})` : ''}</td>
              <td className="num">{m.onHandAfter}</td><td>{m.reason ?? ''}</td><td className="mono small">{m.reference?.startsWith('ord_') ? <a href={`#/orders/${m.reference}`}>{m.reference}</a> : (m.reference ?? '')}</td><td>{m.actorName ?? m.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data && items.length === 0 && <div className="empty">{t('common.none')}</div>}
      {cursor !== null && <button onClick={loadMore}>{t('common.more')}</button>}
    </section>
  );
}
