// The demo's alerts: thresholds the lead 陈静 set on what the demo shop has (orders past their
// ship-by time, products under safety stock, open exceptions), each saying what to do. The simulated
// WeCom and DingTalk robots (src-main/demo/robot-peer.ts) are the channels; the first evaluation after
// the start sends the alerts, and the daily brief goes out at 09:00 shop time (at once when started later).
import type { Core } from '../core';
import type { Actor } from '../store/events';
import { ThresholdInput } from '../../contract/alerts';
import { createThreshold } from '../modules/alerts/actions/settings';

export function seedAlertsDemo(core: Core): void {
  const lead: Actor = { id: 'system:demo-lead', role: 'lead', name: '陈静 Chen Jing' };
  const set = (t: Partial<ThresholdInput> & Pick<ThresholdInput, 'metric' | 'op' | 'value' | 'todo'>) => createThreshold(core.ctx, ThresholdInput.parse(t), lead);
  set({ metric: 'orders.past_ship_by', op: 'above', value: 20, level: 'critical', windowMinutes: 60, todo: 'Release a wave of the late orders first and call the carrier for a later pickup / 先为超时订单放波次，并联系快递加派揽收' });
  set({ metric: 'inventory.below_safety', op: 'above', value: 0, windowMinutes: 240, todo: 'Reorder the products listed on Inventory / 按“库存”页列出的商品补货' });
  set({ metric: 'exceptions.open', op: 'above', value: 5, windowMinutes: 60, todo: 'Clear the exceptions in Waves -> Exceptions / 在“波次 -> 异常”中处理' });
}
