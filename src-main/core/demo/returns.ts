// The demo's returns: every returned order becomes an RMA with a reason (in the seed documents'
// mix: size ~41%, colour ~23%, changed mind ~18%, wrong item ~12%), received and graded at the
// bench, most of them resolved and closed; and a few shipped orders have requests waiting for
// their parcel, so a visitor can scan one at the return bench.
import type { Core } from '../core';
import type { Grade, ReturnReason } from '../../contract/returns';
import type { Actor } from '../store/events';
import { listOrders } from '../modules/orders/queries';
import { createReturn } from '../modules/returns/actions/create-return';
import { returnAction } from '../modules/returns/actions/return-action';
import { gradeUnit } from '../modules/returns/actions/grade-unit';
import { approveRefund, recordRefund } from '../modules/returns/actions/refund';

/** Deterministic draws (the demo looks the same every time). */
function draw(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const REASON_MIX: [ReturnReason, number][] = [
  ['size_too_small', 0.21], ['size_too_large', 0.2], ['colour', 0.23], ['changed_mind', 0.18], ['wrong_item', 0.12], ['defective', 0.04], ['damaged_in_transit', 0.02],
];
const GRADE_MIX: [Grade, number][] = [['sellable', 0.74], ['damaged', 0.1], ['repair', 0.06], ['scrap', 0.05], ['missing', 0.05]];

const pickBy = <T>(mix: [T, number][], x: number): T => {
  let acc = 0;
  for (const [v, p] of mix) if (x < (acc += p)) return v;
  return mix[mix.length - 1]![0];
};

/** Runs inside seedDemo's write. */
export function seedReturns(core: Core, system: Actor): void {
  const ctx = core.ctx;
  const rnd = draw(20261203);
  const returned = listOrders(ctx, { state: 'returned', limit: 200, sort: 'newest' }).items;
  returned.forEach((o, i) => {
    const reason = pickBy(REASON_MIX, rnd());
    const r = createReturn(ctx, { order: o.id, reason }, system);
    returnAction(ctx, r.id, 'approve', {}, system);
    returnAction(ctx, r.id, 'receive', { waybill: `RT${String(7300000000 + i * 17)}` }, system);
    // one in nine is still on the bench, to be graded
    if (i % 9 === 1) return;
    for (const line of r.lines) {
      for (let u = 0; u < line.qty; u++) {
        const grade = pickBy(GRADE_MIX, rnd());
        if (grade !== 'missing') gradeUnit(ctx, r.id, { code: line.sku, grade, unitId: ctx.ids('returnUnit'), photo: null }, system);
      }
    }
    returnAction(ctx, r.id, 'finish_inspection', { markRestMissing: true }, system);
    const stage = i % 5;
    if (stage === 0) return; // inspected: a person decides
    // refunds only: an exchange or resend would add orders to the demo's order count
    returnAction(ctx, r.id, 'resolve', { resolution: 'refund' }, system);
    if (stage === 2) return; // resolved: the refund waits for approval
    const detail = approveIfPending(ctx, r.id, system);
    if (detail && stage !== 3) recordRefund(ctx, r.id, `WX${String(4200000000 + i * 31)}`, system);
    if (stage === 4) returnAction(ctx, r.id, 'close', {}, system);
  });
  // requests waiting for their parcel: requested, approved, on the way
  const shipped = listOrders(ctx, { state: 'shipped', limit: 12, sort: 'newest' }).items;
  shipped.forEach((o, i) => {
    const r = createReturn(ctx, { order: o.id, reason: pickBy(REASON_MIX, rnd()), note: i % 3 === 0 ? '客户说尺码偏小 / customer says it runs small' : undefined }, system);
    if (i % 3 >= 1) returnAction(ctx, r.id, 'approve', {}, system);
    if (i % 3 === 2) returnAction(ctx, r.id, 'mark_in_transit', { waybill: `SF${String(1400000000 + i * 7)}` }, system);
  });
}

function approveIfPending(ctx: Core['ctx'], id: string, system: Actor) {
  try {
    return approveRefund(ctx, id, system);
  } catch {
    return null; // nothing to refund (every unit missing or damaged by the customer)
  }
}
