// A return's transitions through its state machine (contract/returns.ts RETURN_TRANSITIONS):
// validate (state, role by amount, what the step needs), apply, record an event.
import type { CoreContext } from '../../../context';
import type { Role } from '../../../../contract/people';
import { approversFor, RETURN_TRANSITIONS, type ActionBody, type ReturnAction, type ReturnDetail } from '../../../../contract/returns';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { Actor } from '../../../store/events';
import { createOrder } from '../../orders/actions/create-orders';
import { getOrder } from '../../orders/queries';
import { getReturn, returnRecord, returnSettings } from '../queries';
import { insertReturnUnit, returnLineRows, returnUnitRows, updateReturn, type ReturnPatch, type ReturnRow } from '../store';
import { markOrderReturned } from './order-link';
import { recordReturnEvent } from './record';

const money = (n: number, currency: string | null) => `${(n / 100).toFixed(2)}${currency ? ' ' + currency : ''}`;

/** Approving an amount: an operator up to the shop's approval amount, a lead or admin above it. */
export function assertMayApprove(ctx: CoreContext, r: ReturnRow, amount: number, actor: Actor, what: 'request' | 'refund'): void {
  const limit = returnSettings(ctx).approvalLimit;
  const roles = approversFor(amount, limit);
  if (!roles.includes(actor.role as Role)) {
    fail('forbidden', said(what === 'refund' ? 'refundOverLimit' : 'requestOverLimit', { amount: money(amount, r.currency), limit: money(limit, r.currency), roles: roles.join(' or ') }));
  }
}

export function returnAction(ctx: CoreContext, idOrNumber: string, action: ReturnAction, body: ActionBody, actor: Actor): ReturnDetail {
  const r = returnRecord(ctx, idOrNumber);
  const t = RETURN_TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(r.state)) {
    fail('invalid_transition', said('returnCannot', { verb: action.replace(/_/g, ' '), number: r.number, state: r.state.replace('_', ' '), from: t.from.join(', ') }));
  }
  const patch: ReturnPatch = { state: t.to };
  const data: Record<string, unknown> = { from: r.state, state: t.to };
  switch (action) {
    case 'approve':
    case 'decline':
      assertMayApprove(ctx, r, r.value, actor, 'request');
      if (action === 'decline' && !body.reason) fail('validation', said('declineReason'), [issue('reason', said('required'))]);
      break;
    case 'mark_in_transit':
    case 'receive':
      if (body.waybill) patch.waybill = body.waybill;
      break;
    case 'finish_inspection':
      Object.assign(data, finishInspection(ctx, r, body.markRestMissing ?? false, actor));
      patch.refund_amount = data.refund as number;
      break;
    case 'resolve':
      Object.assign(patch, resolve(ctx, r, body, actor));
      data.resolution = patch.resolution;
      break;
    case 'close':
      if (r.resolution === 'refund' && r.refund_state !== 'recorded' && r.refund_amount > 0) {
        fail('conflict', said('refundNotRecorded', { number: r.number, amount: money(r.refund_amount, r.currency), refundState: r.refund_state }));
      }
      break;
    case 'cancel':
      break;
  }
  updateReturn(ctx.db, r.id, patch, ctx.clock.iso());
  recordReturnEvent(ctx, r, action, actor, body.reason ?? null, { ...data, ...(patch.waybill ? { waybill: patch.waybill } : {}) });
  if (action === 'receive' && r.order_id) markOrderReturned(ctx, r.order_id, r.number, r.id, actor);
  return getReturn(ctx, r.id);
}

/** Every expected unit must be accounted for; units never scanned may be counted missing. Returns the refund. */
function finishInspection(ctx: CoreContext, r: ReturnRow, markRestMissing: boolean, actor: Actor): { refund: number; missing: number } {
  const lines = returnLineRows(ctx.db, r.id);
  const open = lines.filter((l) => l.accounted < l.qty);
  const left = open.reduce((n, l) => n + l.qty - l.accounted, 0);
  if (left > 0 && !markRestMissing) {
    fail('conflict', said('unitsNotGraded', { number: r.number, left, lines: open.map((l) => `${l.sku} ${l.accounted}/${l.qty}`).join(', ') }));
  }
  const at = ctx.clock.iso();
  for (const l of open) {
    for (let i = l.accounted; i < l.qty; i++) {
      insertReturnUnit(ctx.db, { id: ctx.ids('returnUnit'), returnId: r.id, lineId: l.id, skuId: l.sku_id, code: l.sku, grade: 'missing', bin: null, photo: null, refund: 0, at, by: actor.id });
    }
  }
  const refund = returnUnitRows(ctx.db, r.id).reduce((n, u) => n + u.refund, 0);
  return { refund, missing: left };
}

/** refund: waits for approval; exchange and resend: a linked outbound order; reject: nothing paid. */
function resolve(ctx: CoreContext, r: ReturnRow, body: ActionBody, actor: Actor): ReturnPatch {
  const resolution = body.resolution ?? fail('validation', said('resolutionRequired'), [issue('resolution', said('required'))]);
  if (resolution === 'refund') return { resolution, refund_state: r.refund_amount > 0 ? 'pending' : 'none' };
  if (resolution === 'reject') return { resolution, refund_amount: 0, refund_state: 'none' };
  if (!r.order_id) fail('conflict', said('returnHasNoOrder', { number: r.number, resolution }));
  const order = getOrder(ctx, r.order_id!);
  const lines = resolution === 'exchange'
    ? (body.exchangeLines?.length ? body.exchangeLines : fail('validation', said('exchangeNeedsLines'), [issue('exchangeLines', said('required'))]))
    : returnLineRows(ctx.db, r.id).map((l) => ({ sku: l.sku, qty: l.qty }));
  const created = createOrder(ctx, {
    channel: order.channel, externalId: `${order.externalId}-${r.number}`, shipTo: order.shipTo, lines, carrier: order.carrier ?? undefined,
    service: order.service ?? undefined, note: `${resolution} for return ${r.number} of order ${order.number}`,
  }, actor);
  return { resolution, refund_amount: 0, refund_state: 'none', linked_order_id: created.orderId };
}
