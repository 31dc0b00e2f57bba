// The board's KPIs as metrics a lead's alert threshold can watch (alerts/metrics.ts). One read of
// every KPI serves all of them in the same check: readKpis answers from the rollups, and thresholds
// on five KPIs should not cost five reads.
import type { CoreContext } from '../../context';
import { registerMetric } from '../alerts/metrics';
import { lateCount, readKpis } from './queries';

let last: { ctx: CoreContext; at: number; values: Record<string, number> } | null = null;

function kpi(ctx: CoreContext, key: string): number {
  const now = ctx.clock.now();
  if (!last || last.ctx !== ctx || now - last.at > 1_000) last = { ctx, at: now, values: readKpis(ctx) };
  const v = last.values[key];
  if (v === undefined) throw new Error(`no KPI ${key}`); // the registry shows "–" and never fires
  return v;
}

const KPI_METRICS: [key: string, en: string, zh: string][] = [
  ['at_risk', 'Orders at risk of missing the next pickup', '可能赶不上下一次揽收的订单'],
  ['backlog', 'Backlog (open orders not packed)', '积压订单（未打包）'],
  ['backlog_2d', 'Backlog older than 2 days', '积压超过 2 天的订单'],
  ['on_time_rate_today', 'On-time ship rate today (%)', '今日准时发货率（%）'],
  ['mispack_rate_7d', 'Mis-pack rate, 7 days (%)', '7 天错发率（%）'],
  ['exceptions_oldest_min', 'Oldest open exception (minutes)', '最久未处理异常（分钟）'],
  ['channel_success_rate', 'Channel sync success, 24 h (%)', '渠道同步成功率，24 小时（%）'],
  ['channel_sync_delay_s', 'Channel sync delay (seconds)', '渠道同步延迟（秒）'],
];

for (const [key, en, zh] of KPI_METRICS) registerMetric({ key: `board.${key}`, label: { en, zh }, read: (ctx) => kpi(ctx, key) });
// The late KPI under the key thresholds have watched since before the board counted it: one count
// of the open orders' ship-by index (it was a pass over every order ever made, as each was past its ship-by).
registerMetric({ key: 'orders.past_ship_by', label: { en: 'Open orders past ship-by', zh: '已过发货时限的未发订单' }, read: (ctx) => lateCount(ctx) });
