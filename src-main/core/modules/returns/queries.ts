// Reads of returns: one return with lines, units, refund and history; the list; what a scanned code
// names at the bench; the settings; held units; the reasons report.
import type { CoreContext } from '../../context';
import {
  approversFor, DEFAULT_RETURN_SETTINGS, ReturnSettings, type ReasonsReport, type ReturnDetail, type ReturnState, type ReturnSummary, type ReturnUnit,
} from '../../../contract/returns';
import { notFound } from '../../../lib/errors';
import { orderIdsByNumber, orderNumberOf, orderState } from '../orders/queries';
import { listParcels } from '../packing/queries';
import { userNames } from '../people/queries';
import {
  heldUnitRows, returnByChannelRef, returnHistory, returnIdsByCode, returnIdsOfOrders, returnLineRows, returnRow, returnRows, returnsByChannel, returnUnitRow,
  returnUnitRows, selectReturnSettings, unitsByGrade, unitsByReason, unitsBySku, wrongItemOrderIds, type ReturnRow, type ReturnUnitRow,
} from './store';

/** States in which a return still waits for its parcel (the bench receives it). */
export const AWAITING_PARCEL: readonly ReturnState[] = ['requested', 'approved', 'in_transit'];
/** States the bench works in. */
export const AT_BENCH: readonly ReturnState[] = ['received'];
const OPEN: readonly ReturnState[] = [...AWAITING_PARCEL, ...AT_BENCH];

export function returnSettings(ctx: CoreContext): ReturnSettings {
  const json = selectReturnSettings(ctx.db);
  return json ? ReturnSettings.parse(JSON.parse(json)) : DEFAULT_RETURN_SETTINGS;
}

const toSummary = (r: ReturnRow): ReturnSummary => ({
  id: r.id, number: r.number, state: r.state, source: r.source, orderId: r.order_id, orderNumber: r.order_number, channel: r.channel, reason: r.reason,
  units: r.units, value: r.value, currency: r.currency, waybill: r.waybill, outsideWindow: r.outside_window === 1, refundState: r.refund_state,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

export const toUnit = (u: ReturnUnitRow): ReturnUnit => ({
  id: u.id, lineId: u.line_id, skuId: u.sku_id, sku: u.sku, code: u.code, grade: u.grade, bin: u.bin, photo: u.photo, refund: u.refund,
  writtenOff: u.written_off_at !== null, gradedAt: u.graded_at, gradedBy: u.graded_by,
});

export function returnRecord(ctx: CoreContext, idOrNumber: string): ReturnRow {
  return returnRow(ctx.db, idOrNumber) ?? notFound('return', idOrNumber);
}

export function getReturn(ctx: CoreContext, idOrNumber: string): ReturnDetail {
  const r = returnRecord(ctx, idOrNumber);
  const lines = returnLineRows(ctx.db, r.id);
  const units = returnUnitRows(ctx.db, r.id);
  const settings = returnSettings(ctx);
  const expected = lines.reduce((n, l) => n + l.qty, 0);
  return {
    ...toSummary(r),
    channelRef: r.channel_ref, note: r.note, codes: JSON.parse(r.codes) as string[],
    windowWarning: r.outside_window ? `requested more than ${settings.windowDays} days after the order shipped` : null,
    approvers: [...approversFor(Math.max(r.value, r.refund_amount), settings.approvalLimit)],
    resolution: r.resolution,
    refund: { amount: r.refund_amount, state: r.refund_state, reference: r.refund_ref, approvedBy: r.refund_approved_by, recordedBy: r.refund_recorded_by },
    linkedOrderId: r.linked_order_id,
    expectedUnits: expected,
    accountedUnits: lines.reduce((n, l) => n + Math.min(l.accounted, l.qty), 0),
    lines: lines.map((l) => ({ id: l.id, orderLineId: l.order_line_id, skuId: l.sku_id, sku: l.sku, name: l.name, qty: l.qty, reason: l.reason, unitValue: l.unit_value, value: l.value, accounted: l.accounted })),
    unitsGraded: units.map(toUnit),
    history: returnHistory(ctx.db, r.id),
  };
}

export function listReturns(ctx: CoreContext, q: { state?: ReturnState; q?: string; limit: number }): ReturnSummary[] {
  const ids = q.q ? returnIdsForCode(ctx, q.q).map((x) => x.id) : undefined;
  return returnRows(ctx.db, { state: q.state, ids }, q.limit).map(toSummary);
}

/** Returns a code names: an RMA number or id, a return waybill or channel return id, an unknown parcel's code, or any code of its order. */
export function returnIdsForCode(ctx: CoreContext, code: string): { id: string; state: ReturnState }[] {
  const own = returnRow(ctx.db, code);
  if (own) return [{ id: own.id, state: own.state }];
  const byCode = returnIdsByCode(ctx.db, code);
  if (byCode.length) return byCode;
  return returnIdsOfOrders(ctx.db, orderIdsByNumber(ctx, code));
}

/** The bench's look-up of a scanned code: the open return it names, else the order it names (to open one). */
export function scanForReturn(ctx: CoreContext, code: string): { code: string; return: ReturnDetail | null; order: { id: string; number: string; state: string } | null } {
  const open = returnIdsForCode(ctx, code).find((r) => OPEN.includes(r.state));
  if (open) return { code, return: getReturn(ctx, open.id), order: null };
  const orderId = orderIdsByNumber(ctx, code)[0];
  if (!orderId) return { code, return: null, order: null };
  return { code, return: null, order: { id: orderId, number: orderNumberOf(ctx, orderId) ?? orderId, state: orderState(ctx, orderId) ?? 'unknown' } };
}

export function channelReturnId(ctx: CoreContext, channel: string, ref: string): string | undefined {
  return returnByChannelRef(ctx.db, channel, ref)?.id;
}

export function heldUnits(ctx: CoreContext): (ReturnUnit & { returnId: string; returnNumber: string })[] {
  return heldUnitRows(ctx.db, 500).map((u) => ({ ...toUnit(u), returnId: u.return_id, returnNumber: u.number }));
}

export function unitRecord(ctx: CoreContext, id: string): ReturnUnitRow {
  return returnUnitRow(ctx.db, id) ?? notFound('return unit', id);
}

const DAY = 86_400_000;
/** A SKU is flagged when at least this many units came back and that is this much more than the period before. */
const JUMP_MIN_UNITS = 3;
const JUMP_FACTOR = 1.2;

export function reasonsReport(ctx: CoreContext, days: number): ReasonsReport {
  const now = ctx.clock.now();
  const to = new Date(now + 1000).toISOString();
  const from = new Date(now - days * DAY).toISOString();
  const before = new Date(now - 2 * days * DAY).toISOString();
  const byReason = unitsByReason(ctx.db, from, to);
  const units = byReason.reduce((n, r) => n + r.units, 0);
  const previous = new Map(unitsBySku(ctx.db, before, from).map((s) => [s.sku_id, s.units]));
  const packers = new Map<string, number>();
  for (const orderId of wrongItemOrderIds(ctx.db, from, to)) {
    for (const by of new Set(listParcels(ctx, orderId).map((p) => p.packedBy))) packers.set(by, (packers.get(by) ?? 0) + 1);
  }
  const names = userNames(ctx, packers.keys());
  return {
    from, to, units,
    returns: returnsByChannel(ctx.db, from, to).reduce((n, c) => n + c.returns, 0),
    byReason: byReason.map((r) => ({ ...r, share: units ? r.units / units : 0 })),
    bySku: unitsBySku(ctx.db, from, to).map((s) => {
      const prev = previous.get(s.sku_id) ?? 0;
      return { skuId: s.sku_id, sku: s.sku, name: s.name, units: s.units, previousUnits: prev, flagged: s.units >= JUMP_MIN_UNITS && s.units > prev * JUMP_FACTOR };
    }),
    byChannel: returnsByChannel(ctx.db, from, to),
    byPacker: [...packers].map(([packer, n]) => ({ packer, name: names.get(packer) ?? null, wrongItemReturns: n })).sort((a, b) => b.wrongItemReturns - a.wrongItemReturns),
    byGrade: unitsByGrade(ctx.db, from, to),
  };
}
