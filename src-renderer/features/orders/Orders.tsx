import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_STATES, genericActionsFor, type GenericAction, type OrderListQuery, type OrderSort, type OrderState, type OrderSummary } from '../../../src-main/contract/orders';
import { type Role } from '../../../src-main/contract/people';
import { call, callFile, failureText } from '../../lib/api';
import { useChangeFeed, useLoad, useShopTimeZone } from '../../lib/hooks';
import { shopDay, shopDayRange } from '../../../src-main/contract/shop-time';
import { StateBadge, formatTime, useActorName, useEventName, useReasonWords } from '../../lib/ui';
import { OrderTracking } from '../tracking/Tracking';
import { OrderWarehouse } from '../dispatch/OrderWarehouse';
import { WarehousePicker } from '../dispatch/WarehousePicker';
import { OrderRules } from '../rules/OrderRules';
import { OrderMerge } from '../merges/OrderMerge';
import { NewOrderButton, ChangeAddressButton } from './OrderForm';
import { UnmappedSkus } from '../channels/UnmappedSkus';
import { UNMAPPED_SKU_ID } from '../../../src-main/contract/channels';

const NEEDS_REASON: GenericAction[] = ['hold', 'cancel', 'return'];

/** The list's filters as a person sets them (dates are the shop's days, sent as UTC instants). */
interface Filters { channel: string; carrier: string; from: string; to: string; late: boolean; sort: OrderSort; warehouse: string }
const NO_FILTERS: Filters = { channel: '', carrier: '', from: '', to: '', late: false, sort: 'newest', warehouse: '' };

/** `zone`: the shop's time zone; the day inputs wait for it (null), so no day is counted in the browser's. */
function listQuery(search: string, state: OrderState | '', f: Filters, zone: string | null): Omit<OrderListQuery, 'sort'> & { sort: OrderSort } {
  return {
    q: search || undefined, state: state || undefined, channel: f.channel.trim() || undefined, carrier: f.carrier.trim() || undefined,
    ...(zone ? shopDayRange(f.from, f.to, zone) : {}), late: f.late ? 'true' : undefined, sort: f.sort,
    warehouse: f.warehouse || undefined,
  };
}

/** Downloads the list as found, as CSV or Excel, in the person's language (masked by the core per role). */
async function exportList(query: ReturnType<typeof listQuery>, format: 'csv' | 'xlsx', lang: string, zone: string) {
  const blob = await callFile('exportOrders', { query: { ...query, format, lang: lang.startsWith('zh') ? 'zh-CN' : 'en' } });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `orders-${shopDay(Date.now(), zone)}.${format}`; // the shop's day, as the list's filters
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Orders({ id, role }: { id?: string; role: Role }) {
  const { t, i18n } = useTranslation();
  // A product page can hand over a SKU to search orders by.
  const [initial] = useState(() => {
    const v = sessionStorage.getItem('pl_q') ?? '';
    sessionStorage.removeItem('pl_q');
    return v;
  });
  const [q, setQ] = useState(initial);
  const [search, setSearch] = useState(initial);
  const [state, setState] = useState<OrderState | ''>('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [extra, setExtra] = useState<OrderSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const zone = useShopTimeZone();
  const query = listQuery(search, state, filters, zone);
  const queryKey = JSON.stringify(query);
  // Each list carries the search it answers: the table says which one it shows (data-search), so a
  // test or a scanner's next step can wait for this search's list rather than the previous one's.
  const list = useLoad(() => call('listOrders', { query: { ...query, limit: 50 } }).then((r) => ({ ...r, search })), [queryKey]);
  // The search and filters the open order was opened or last listed under.
  const openedUnder = useRef(queryKey);
  const setFilter = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  // A header click sorts by it; a second click turns the order round.
  const sortBy = (asc: OrderSort, desc: OrderSort) => setFilter('sort', filters.sort === desc ? asc : desc);
  const arrow = (asc: OrderSort, desc: OrderSort) => (filters.sort === asc ? ' ▲' : filters.sort === desc ? ' ▼' : '');
  // The state buttons count what the warehouse filter shows (the other filters narrow the list only).
  const counts = useLoad(() => call('stateCounts', { query: { warehouse: filters.warehouse || undefined } }), [filters.warehouse]);
  const tick = useRef(0);

  useEffect(() => {
    setExtra([]);
    setCursor(list.data?.nextCursor ?? null);
  }, [list.data]);
  useEffect(() => input.current?.focus(), []);
  // Live: refresh at most twice a second while changes stream in.
  useChangeFeed((e) => {
    if (e.entity !== 'order' || tick.current) return;
    tick.current = window.setTimeout(() => {
      tick.current = 0;
      list.reload();
      counts.reload();
    }, 500);
  });


  useEffect(() => {
    openedUnder.current = queryKey;
  }, [id]);
  // Once a list has come: one exact hit from a scan opens the order straight away; a new search or
  // filter whose list does not hold the open order closes it (its detail beside "Nothing found" read
  // as a hit); the same list reloaded by the change feed keeps it.
  useEffect(() => {
    if (!list.data || list.loading) return;
    const { items, total } = list.data;
    if (search && items.length === 1 && total === 1) window.location.hash = `#/orders/${items[0]!.id}`;
    else if (id && !items.some((o) => o.id === id) && queryKey !== openedUnder.current) window.location.hash = '#/orders';
    else if (id && items.some((o) => o.id === id)) openedUnder.current = queryKey;
  }, [list.data, list.loading]);

  const more = async () => {
    if (!cursor) return;
    const r = await call('listOrders', { query: { ...query, limit: 50, cursor } });
    setExtra((x) => [...x, ...r.items]);
    setCursor(r.nextCursor);
  };
  const rows = [...(list.data?.items ?? []), ...extra];

  return (
    <div className="split">
      <section className="pane list-pane">
        <form className="searchbar" onSubmit={(e) => (e.preventDefault(), setSearch(q.trim()))}>
          <input ref={input} name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('orders.searchPlaceholder')} autoComplete="off" />
          <button className="primary" type="submit">{t('common.search')}</button>
          <NewOrderButton role={role} />
        </form>
        <div className="chips" role="group" aria-label={t('orders.state')}>
          <button className={state === '' ? 'chip on' : 'chip'} onClick={() => setState('')}>{t('common.all')}</button>
          {ORDER_STATES.map((s) => (
            <button key={s} className={state === s ? 'chip on' : 'chip'} onClick={() => setState(s)} data-state={s}>
              {t(`states.${s}`)} <span className="count">{counts.data?.counts[s] ?? ''}</span>
            </button>
          ))}
        </div>
        <div className="filters" data-testid="order-filters">
          <input name="channel" value={filters.channel} onChange={(e) => setFilter('channel', e.target.value)} placeholder={t('orders.channel')} aria-label={t('orders.channel')} size={8} />
          <input name="carrier" value={filters.carrier} onChange={(e) => setFilter('carrier', e.target.value)} placeholder={t('orders.carrier')} aria-label={t('orders.carrier')} size={8} />
          <label>{t('orders.from')} <input type="date" name="from" value={filters.from} disabled={!zone} onChange={(e) => setFilter('from', e.target.value)} /></label>
          <label>{t('orders.to')} <input type="date" name="to" value={filters.to} disabled={!zone} onChange={(e) => setFilter('to', e.target.value)} /></label>
          <label><input type="checkbox" name="late" checked={filters.late} onChange={(e) => setFilter('late', e.target.checked)} /> {t('orders.late')}</label>
          <WarehousePicker value={filters.warehouse} onChange={(w) => setFilter('warehouse', w)} />
          <span className="spacer" />
          {(['csv', 'xlsx'] as const).map((format) => (
            // Like the day inputs, it waits for the shop's time zone: the list it exports is filtered by the shop's days, and its file is named by one.
            <button key={format} type="button" className="secondary" data-export={format} disabled={!zone}
              onClick={() => zone && (setExportError(null), exportList(query, format, i18n.language, zone).catch((e: unknown) => setExportError(failureText(e))))}>
              {t(format === 'csv' ? 'orders.exportCsv' : 'orders.exportXlsx')}
            </button>
          ))}
        </div>
        {list.error && <div className="alert error">{list.error}</div>}
        {exportError && <div className="alert error" role="alert">{exportError}</div>}
        <div className="muted small" data-testid="orders-total">
          {list.data ? (list.data.totalIsMore ? t('orders.totalMore', { count: list.data.total }) : t('common.total', { count: list.data.total })) : t('common.loading')}
        </div>
        <table className="table" data-testid="orders-table" data-search={list.data?.search}>
          <thead>
            <tr>
              <th className="sortable" data-sort="created" onClick={() => sortBy('oldest', 'newest')}>{t('orders.number')}{arrow('oldest', 'newest')}</th>
              <th>{t('orders.external')}</th><th>{t('orders.state')}</th><th>{t('orders.recipient')}</th>
              <th>{t('orders.city')}</th><th className="num">{t('orders.units')}</th><th>{t('orders.carrier')}</th>
              <th className="sortable" data-sort="shipBy" onClick={() => sortBy('shipBy', 'shipByDesc')}>{t('orders.shipBy')}{arrow('shipBy', 'shipByDesc')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id} className={o.id === id ? 'selected' : ''} onClick={() => (window.location.hash = `#/orders/${o.id}`)}>
                <td className="mono">{o.number}</td><td className="mono">{o.externalId}</td><td><StateBadge state={o.state} /></td>
                <td className="nowrap">{o.recipient}</td><td className="nowrap">{o.city}</td><td className="num">{o.units}</td><td>{o.carrier ?? ''}</td><td className="nowrap">{formatTime(o.shipBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && rows.length === 0 && <div className="empty">{t('common.none')}</div>}
        {cursor && <button className="ghost" onClick={more}>{t('common.more')}</button>}
      </section>
      <section className="pane detail-pane">{id ? <OrderDetail id={id} role={role} /> : <div className="empty">{t('orders.noOrder')}</div>}</section>
    </div>
  );
}

/** An order.updated event's new carrier, service or priority, as "Carrier → sf, Priority → 7". */
function planChanges(data: Record<string, unknown>, t: (k: string) => string): string {
  const fields = (data.fields as unknown[]).filter((k): k is 'carrier' | 'service' | 'priority' => k === 'carrier' || k === 'service' || k === 'priority');
  return fields.map((k) => `${t(`orders.${k}`)} → ${data[k] === null || data[k] === undefined ? '—' : String(data[k])}`).join(', ');
}

function OrderDetail({ id, role }: { id: string; role: Role }) {
  const { t } = useTranslation();
  const order = useLoad(() => call('getOrder', { params: { id } }), [id]);
  const events = useLoad(() => call('orderEvents', { params: { id } }), [id]);
  const eventName = useEventName();
  const reasonWords = useReasonWords();
  const actorName = useActorName();
  const [asking, setAsking] = useState<GenericAction | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useChangeFeed((e) => {
    if (e.entityId === id) {
      order.reload();
      events.reload();
    }
  });
  if (order.error) return <div className="alert error">{order.error}</div>;
  const o = order.data;
  if (!o) return <div className="muted">{t('common.loading')}</div>;
  // Only what this role may take here; packing, waves, shipping and exceptions have their own screens.
  const actions = genericActionsFor(o.state, role);

  const run = async (action: GenericAction) => {
    if (NEEDS_REASON.includes(action) && !reason.trim()) return setAsking(action);
    setError(null);
    try {
      await call('orderAction', { params: { id: o.id, action }, body: { reason: reason.trim() || undefined, expectedVersion: o.version } });
      setAsking(null);
      setReason('');
    } catch (e) {
      setError(failureText(e, { reason: t('common.reason') }));
    }
  };

  const a = o.shipTo;
  return (
    <div className="detail" data-testid="order-detail">
      <header className="detail-head">
        <h2 className="mono">{o.number}</h2>
        <StateBadge state={o.state} big />
      </header>
      <div className="grid2">
        <div>
          <h3>{t('orders.shipTo')}</h3>
          <div>{a.name} · <span className="mono">{a.phone}</span></div>
          <div>{[a.province, a.city, a.district].filter(Boolean).join(' ')} {a.postcode ?? ''} {a.country}</div>
          <div>{a.address1} {a.address2 ?? ''}</div>
          <ChangeAddressButton order={o} role={role} />
          <OrderWarehouse order={o} role={role} />
        </div>
        <div>
          <h3>{t('orders.codes')}</h3>
          <div className="muted small">{o.channel} · {t('orders.created')} {formatTime(o.createdAt)}</div>
          <div className="small" data-testid="order-plan">
            {t('orders.carrier')} <span className="mono">{o.carrier ?? '—'}</span>{o.service ? ` · ${o.service}` : ''} · {t('orders.priority')} {o.priority}
            {o.shipBy ? ` · ${t('orders.shipBy')} ${formatTime(o.shipBy)}` : ''}
          </div>
          {o.codes.map((c) => (
            <div key={c.code + c.kind} className="mono">{c.code} <span className="muted small">{c.kind}</span></div>
          ))}
        </div>
      </div>
      <h3>{t('orders.lines')}</h3>
      <table className="table compact">
        <thead><tr><th>{t('orders.sku')}</th><th>{t('orders.name')}</th><th className="num">{t('orders.qty')}</th><th className="num">{t('orders.reserved')}</th><th>{t('orders.location')}</th><th className="num">{t('orders.weight')}</th></tr></thead>
        <tbody>
          {o.lines.map((l) => (
            <tr key={l.id}><td className="mono">{l.skuId === UNMAPPED_SKU_ID ? `(${t('common.unmappedSku')})` : <a href={`#/products/${l.skuId}`}>{l.sku}</a>}</td><td>{l.name}</td><td className="num">{l.qty}</td><td className="num">{l.reserved}</td><td className="mono">{l.location ?? ''}</td><td className="num">{l.unitWeightG === null ? '—' : `${l.unitWeightG} g`}</td></tr>
          ))}
        </tbody>
      </table>
      {o.lines.some((l) => l.skuId === UNMAPPED_SKU_ID) && <UnmappedSkus role={role} orderId={o.id} />}
      {actions.length > 0 && (
        <>
          <h3>{t('orders.actions')}</h3>
          <div className="actions">
            {actions.map((act) => (
              <button key={act} className={act === 'cancel' ? 'danger' : 'secondary'} onClick={() => run(act)} data-action={act}>{t(`actions.${act}`)}</button>
            ))}
          </div>
          {asking && (
            <form className="reason" onSubmit={(e) => (e.preventDefault(), void run(asking))}>
              <input autoFocus name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('orders.reasonNeeded')} />
              <button className="primary" type="submit">{t('common.confirm')}: {t(`actions.${asking}`)}</button>
              <button type="button" className="ghost" onClick={() => setAsking(null)}>{t('common.cancel')}</button>
            </form>
          )}
          {error && <div className="alert error" role="alert">{error}</div>}
        </>
      )}
      <OrderMerge orderId={o.id} version={o.version} />
      <OrderRules orderId={o.id} version={o.version} />
      <OrderTracking orderId={o.id} />
      <h3>{t('orders.history')}</h3>
      <ol className="history">
        {(events.data?.items ?? []).map((e) => (
          <li key={e.id}>
            <span className="muted small">{formatTime(e.at)}</span> <b data-type={e.type}>{eventName(e.type)}</b>
            {e.data && typeof e.data.to === 'string' ? <> → <StateBadge state={e.data.to as OrderState} /></> : null}
            {e.type === 'order.updated' && Array.isArray(e.data?.fields) ? <span className="mono small"> {planChanges(e.data!, t)}</span> : null}
            <span className="muted small"> {actorName(e)}</span>
            {e.reason && <div className="reason-text">“{reasonWords(e.reason)}”</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}
