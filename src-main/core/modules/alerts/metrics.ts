// The metric registry: what a threshold can watch. A module registers a metric with a key, its
// name in English and Chinese and how to read it; the alerts module registers those the other
// modules already record. The board registers its KPIs the same way (one registerMetric call each),
// and the open orders past ship-by (its late count, orders.past_ship_by).
import type { CoreContext } from '../../context';
import { stockAlerts } from '../inventory/queries';
import { deadWriteBacks, failedChannelDeliveries, openExceptions, openPayoutDifferences, stalledParcels } from './store';

export interface MetricDef {
  key: string;
  label: { en: string; zh: string };
  /** The value now; runs on the core's thread outside the writer, so keep it to an indexed count. */
  read(ctx: CoreContext): number;
}

const registry = new Map<string, MetricDef>();

/** Adds (or replaces, by key) a metric thresholds can watch. */
export function registerMetric(m: MetricDef): void {
  registry.set(m.key, m);
}

export const metricDefs = (): MetricDef[] => [...registry.values()];
export const metricDef = (key: string): MetricDef | undefined => registry.get(key);

/** Reads one metric; null when it cannot be read (a module's table missing in an old database). */
export function readMetric(ctx: CoreContext, m: MetricDef): number | null {
  try {
    return m.read(ctx);
  } catch {
    return null;
  }
}

registerMetric({ key: 'inventory.below_safety', label: { en: 'Products under safety stock', zh: '低于安全库存的商品' }, read: (ctx) => stockAlerts(ctx, 100_000).count });
registerMetric({ key: 'exceptions.open', label: { en: 'Exceptions open', zh: '未处理的异常' }, read: (ctx) => openExceptions(ctx.db) });
registerMetric({ key: 'channels.failed_deliveries', label: { en: 'Channel deliveries failed', zh: '渠道推送处理失败' }, read: (ctx) => failedChannelDeliveries(ctx.db) });
registerMetric({ key: 'channels.dead_write_backs', label: { en: 'Write-backs in the dead letters', zh: '回传失败（死信）' }, read: (ctx) => deadWriteBacks(ctx.db) });
registerMetric({ key: 'tracking.stalls', label: { en: 'Parcels with stalled tracking', zh: '物流停滞的包裹' }, read: (ctx) => stalledParcels(ctx.db) });
registerMetric({ key: 'payouts.open_differences', label: { en: 'Payout differences open', zh: '未确认的回款差异' }, read: (ctx) => openPayoutDifferences(ctx.db) });
