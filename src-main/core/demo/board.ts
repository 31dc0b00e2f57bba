// The command centre's demo: a day's work at two benches by two packers (王芳 on bench-1, Lucas on
// bench-2), so the board shows real rates per packer and bench; orders that came in over the last
// day with ship-by promises, some shipped on time and some late; a customer's hold; and open
// orders past their ship-by. Written through the real actions with the clock set back, so the
// board's follower builds its numbers from the event log as it does in a shop.
import type { Core } from '../core';
import type { CoreContext } from '../context';
import type { Actor } from '../store/events';
import { fixedClock } from '../../lib/clock';
import { savepoint } from '../store/db';
import { AppError } from '../../lib/errors';
import { createOrder } from '../modules/orders/actions/create-orders';
import { applyOrderAction } from '../modules/orders/actions/apply-action';
import { startPacking } from '../modules/packing/actions/start-packing';
import { createParcel } from '../modules/packing/actions/create-parcel';
import { listUsers } from '../modules/people/queries';
import { getSettings } from '../modules/settings/queries';
import { shopMidnight } from '../../contract/shop-time';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Orders this demo adds (beside the demo seed's own). */
export const DEMO_BOARD_ORDERS = 48;
const SKUS = ['WH-0002', 'WH-0003', 'WH-0004', 'WH-0005', 'WH-0006', 'WH-0007', 'WH-0008', 'WH-0009'];

/** Actions as if done at `ms` (the demo's past). */
const at = (ctx: CoreContext, ms: number): CoreContext => ({ ...ctx, clock: fixedClock(new Date(ms).toISOString()) });

export function seedBoardDemo(core: Core, system: Actor): void {
  const ctx = core.ctx;
  const now = ctx.clock.now();
  const users = listUsers(ctx);
  const packers: Actor[] = ['王芳 Wang Fang', 'Lucas Martin'].map((name) => users.find((u) => u.name === name)).filter((u) => !!u).map((u) => ({ id: u!.id, role: u!.role, name: u!.name }));
  if (packers.length < 2) return;

  // 48 orders received over the last day, promised 5 to 16 hours after they came in.
  const orders: { id: string; shipBy: number }[] = [];
  for (let i = 0; i < DEMO_BOARD_ORDERS; i++) {
    const created = now - 26 * HOUR + i * 30 * MIN;
    const shipBy = created + (5 + (i % 12)) * HOUR;
    try {
      const { orderId } = createOrder(at(ctx, created), {
        channel: 'taobao', externalId: `TB-BOARD-${i}`, carrier: i % 3 === 0 ? 'zto' : 'sf', shipBy: new Date(shipBy).toISOString(),
        shipTo: { name: ['李娜', '张伟', '王磊', '刘洋'][i % 4]!, phone: `1380013${String(4000 + i).padStart(4, '0')}`, country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: `科技园路${i + 1}号`, postcode: '518000' },
        lines: [{ sku: SKUS[i % SKUS.length]!, qty: 1 + (i % 3 === 2 ? 1 : 0) }],
      }, system);
      orders.push({ id: orderId, shipBy });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }

  // The day's work at the benches: the last 3 hours, a parcel every 4 to 7 minutes at each. Early in
  // the shop's day (before 03:00 where the shop is) the same work fits in what has passed of today,
  // at a faster pace, so the board's "today" is never empty when someone opens the demo at night.
  const sinceMidnight = now - shopMidnight(now, getSettings(ctx).timeZone);
  const shift = Math.max(30 * MIN, Math.min(3 * HOUR, sinceMidnight - 5 * MIN));
  /** A moment `ms` into a 3-hour shift, on today's shorter shift. */
  const inShift = (ms: number) => now - shift + Math.round((ms * shift) / (3 * HOUR));
  const packed: { id: string; shipBy: number }[] = [];
  const toPack = orders.slice(0, 36);
  toPack.forEach((o, i) => {
    const who = packers[i % 2]!;
    const bench = i % 2 === 0 ? 'bench-1' : 'bench-2';
    const start = Math.floor(i / 2) * (i % 2 === 0 ? 9 : 10) * MIN;
    try {
      savepoint(ctx.db, () => {
        const t = startPacking(at(ctx, inShift(start)), o.id, { bench }, who);
        const measuredG = t.lines.reduce((g, l) => g + (l.unitWeightG ?? 200) * l.qty, 0);
        createParcel(at(ctx, inShift(start + (4 + (i % 4)) * MIN)), o.id, { bench, expectedVersion: t.order.version, boxTypeId: null, items: t.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })), measuredG, final: true }, who);
      });
      packed.push(o);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  });

  // Handed over at the carriers' pickup two hours into the shift: those promised earlier ship late.
  for (const o of packed.slice(0, 24)) {
    try {
      applyOrderAction(at(ctx, inShift(2 * HOUR)), o.id, 'ship', system);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  // A customer asked to wait: held (their hold does not count against the shop's on-time rate).
  for (const o of orders.slice(44, 46)) {
    try {
      applyOrderAction(at(ctx, inShift(HOUR)), o.id, 'hold', system, { reason: 'customer asked to ship next week' });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
}
