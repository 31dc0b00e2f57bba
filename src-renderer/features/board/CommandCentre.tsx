import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../../lib/feature';
import { call } from '../../lib/api';
import { useLiveReload, useLoad } from '../../lib/hooks';
import { formatTime, StateBadge, useReasonWords } from '../../lib/ui';
import type { OrderState } from '../../../src-main/contract/orders';
import type { KpiOrders } from '../../../src-main/contract/board';
import { Chart, type ChartOption } from './Chart';
import { FloorScreen } from './Floor';
import { Operators } from './Operators';
import { WallLinks } from './Wall';
import { kpiHref, kpiLabel, kpiValue } from './format';
import { WarehousePicker, useWarehouseChoice } from '../dispatch/WarehousePicker';
import './board.css';

// The command centre: one set of numbers for everyone (GET /api/kpis), each opening the orders
// behind it; the owner's overview with charts, the lead's live floor, operator stats, wall links.

const TABS = ['overview', 'floor', 'operators', 'wall'] as const;
const MANAGERS = ['lead', 'admin'];

export function CommandCentre({ role, path }: ScreenProps) {
  const { t } = useTranslation();
  const tabs = TABS.filter((x) => x !== 'wall' || MANAGERS.includes(role));
  const tab = path[0] === 'kpi' ? 'kpi' : (tabs.find((x) => x === path[0]) ?? (MANAGERS.includes(role) ? 'floor' : 'overview'));
  return (
    <div className="centre">
      <nav className="chips console-tabs" aria-label={t('nav.centre')}>
        {tabs.map((x) => <a key={x} href={`#/centre/${x}`} className={tab === x ? 'chip on' : 'chip'}>{t(`centre.${x}`)}</a>)}
      </nav>
      {tab === 'kpi' ? <KpiOrdersView kpiKey={path[1] ?? ''} />
        : tab === 'floor' ? <FloorScreen />
          : tab === 'operators' ? <Operators role={role} />
            : tab === 'wall' ? <WallLinks />
              : <Overview />}
    </div>
  );
}

/** The tiles of the overview, in reading order: the promise first, then the work, then the shop's edges. */
const TILES = [
  'late', 'at_risk', 'on_time_rate_today', 'on_time_rate_7d', 'ship_p50_min', 'ship_p90_min',
  'backlog', 'holds', 'shipped_today', 'parcels_today', 'parcels_per_hour', 'units_per_hour',
  'mispack_rate_7d', 'exceptions_open', 'exceptions_oldest_min', 'channel_sync_delay_s', 'channel_success_rate', 'tracking_stalls',
  'returns', 'payout_differences_open',
];
const BAD_WHEN_ABOVE_ZERO = new Set(['late', 'at_risk', 'exceptions_open', 'tracking_stalls', 'payout_differences_open']);

/** A number and the link to the orders behind it; `shopWide`: the whole shop's figure on one warehouse's overview (said on the tile). */
export function KpiTile({ k, v, shopWide }: { k: string; v: number | undefined; shopWide?: boolean }) {
  const { t } = useTranslation();
  const tone = BAD_WHEN_ABOVE_ZERO.has(k) && (v ?? 0) > 0 ? 'tile bad' : 'tile';
  return (
    <a className={tone} href={kpiHref(k)} title={t('centre.openList')} data-kpi={k}>
      <span className="tile-label">{kpiLabel(k, t)}</span>
      <span className="tile-value">{kpiValue(k, v, t)}</span>
      {shopWide && <span className="small muted" data-testid="shop-wide">{t('centre.shopWide')}</span>}
    </a>
  );
}

function Overview() {
  const { t } = useTranslation();
  // one warehouse's numbers (GET /api/kpis?warehouse=), or the whole shop's: the choice the floor shares
  const [warehouse, setWarehouse] = useWarehouseChoice();
  const kpis = useLoad(() => call('kpis', { query: warehouse ? { warehouse } : {} }), [warehouse]);
  const shopWide = new Set(warehouse ? kpis.data?.shopWide : []);
  const trend = useLoad(() => call('kpiTrend', { query: { days: 14, ...(warehouse ? { warehouse } : {}) } }), [warehouse]);
  useLiveReload(() => true, () => (kpis.reload(), trend.reload()), 1500);
  const v = kpis.data?.values ?? {};
  const byPrefix = (p: string) => Object.entries(v).filter(([k]) => k.startsWith(p)).map(([k, n]) => ({ key: k, name: k.slice(p.length), value: n }));
  const ages = ['backlog_lt4h', 'backlog_today', 'backlog_1d', 'backlog_2d'];
  const days = trend.data?.days ?? [];
  const trendOption: ChartOption = {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 40, top: 30, bottom: 24 },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: [{ type: 'value' }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [
      { name: t('centre.shipped'), type: 'bar', data: days.map((d) => d.shipped), itemStyle: { color: '#2563eb' } },
      { name: t('centre.parcels'), type: 'bar', data: days.map((d) => d.parcels), itemStyle: { color: '#93c5fd' } },
      { name: t('centre.onTimePct'), type: 'line', yAxisIndex: 1, data: days.map((d) => (d.due ? Math.round((1000 * d.onTime) / d.due) / 10 : null)), itemStyle: { color: '#16a34a' } },
    ],
  };
  const ageOption: ChartOption = {
    tooltip: {}, grid: { left: 40, right: 10, top: 24, bottom: 24 },
    xAxis: { type: 'category', data: ages.map((k) => t(`kpi.${k}`)) }, yAxis: { type: 'value' },
    series: [{ type: 'bar', data: ages.map((k) => v[k] ?? 0), itemStyle: { color: '#f59e0b' }, label: { show: true, position: 'top' } }],
  };
  const holds = byPrefix('holds:');
  const holdOption: ChartOption = {
    tooltip: {}, grid: { left: 120, right: 30, top: 10, bottom: 20 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: holds.map((h) => h.name) },
    series: [{ type: 'bar', data: holds.map((h) => h.value), itemStyle: { color: '#a855f7' }, label: { show: true, position: 'right' } }],
  };
  const returns = byPrefix('returns:');
  const returnOption: ChartOption = {
    tooltip: { trigger: 'item' }, legend: { type: 'scroll', bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], top: -20, data: returns.map((r) => ({ name: t(`returns.rs.${r.name}`, { defaultValue: r.name }), value: r.value })) }],
  };
  return (
    <div className="overview" data-testid="overview">
      <div className="floor-filter"><WarehousePicker value={warehouse} onChange={setWarehouse} /></div>
      {kpis.error && <div className="alert error">{kpis.error}</div>}
      <div className="tiles">{TILES.map((k) => <KpiTile key={k} k={k} v={v[k]} shopWide={shopWide.has(k)} />)}</div>
      <div className="charts">
        <section className="pane chart-card wide"><h3>{t('centre.trend')}</h3><Chart option={trendOption} testId="trend-chart" /></section>
        <section className="pane chart-card"><h3>{t('centre.backlogByAge')}</h3><Chart option={ageOption} testId="age-chart" /></section>
        <section className="pane chart-card"><h3>{t('centre.holdsByReason')}</h3>{holds.length ? <Chart option={holdOption} /> : <div className="empty">{t('centre.nothing')}</div>}</section>
        <section className="pane chart-card"><h3>{t('centre.returnsByReason')}</h3>{returns.length ? <Chart option={returnOption} /> : <div className="empty">{t('centre.nothing')}</div>}</section>
      </div>
    </div>
  );
}

/** A list of orders behind a number (the floor and the drill-down use it). */
export function OrderList({ items, testId }: { items: KpiOrders['items']; testId?: string }) {
  const { t } = useTranslation();
  const reasonWords = useReasonWords();
  return (
    <table className="table compact" data-testid={testId}>
      <thead><tr><th>{t('centre.order')}</th><th>{t('centre.state')}</th><th>{t('centre.carrier')}</th><th>{t('centre.shipBy')}</th><th>{t('centre.created')}</th></tr></thead>
      <tbody>
        {items.map((o) => (
          <tr key={o.id}>
            <td className="mono"><a href={`#/orders/${o.id}`}>{o.number}</a>{o.holdReason && <div className="small muted">{reasonWords(o.holdReason)}</div>}</td>
            <td><StateBadge state={o.state as OrderState} /></td>
            <td>{o.carrier ?? '—'}</td>
            <td className="nowrap">{formatTime(o.shipBy)}</td>
            <td className="nowrap">{formatTime(o.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function KpiOrdersView({ kpiKey }: { kpiKey: string }) {
  const { t } = useTranslation();
  // the warehouse the overview shows: the number and the orders behind it are that warehouse's
  const [warehouse] = useWarehouseChoice();
  const where = warehouse ? { warehouse } : {};
  const list = useLoad(() => call('kpiOrders', { params: { key: kpiKey }, query: { limit: 200, ...where } }), [kpiKey, warehouse]);
  const kpis = useLoad(() => call('kpis', { query: where }), [kpiKey, warehouse]);
  return (
    <section className="pane" data-testid="kpi-orders">
      <a className="back" href="#/centre/overview">← {t('centre.back')}</a>
      <h2>{kpiLabel(kpiKey, t)}: <span data-testid="kpi-value">{kpiValue(kpiKey, kpis.data?.values[kpiKey], t)}</span></h2>
      {list.error && <div className="alert error">{list.error}</div>}
      {list.data && (
        <>
          <p className="muted"><b>{t('centre.definition')}:</b> {list.data.definition}</p>
          <p>{t('centre.ordersTotal', { count: list.data.total })}</p>
          {list.data.items.length ? <OrderList items={list.data.items} /> : <div className="empty">{t('centre.noOrders')}</div>}
        </>
      )}
    </section>
  );
}
