import { z } from 'zod';
import { RowWords } from './errors';
import { freeText, line, minor, trimmed } from './common';
import type { Role } from './people';
import { ALL, BinaryFile, IdParam, MANAGE, type RouteDef, STAFF } from './routing';

// Returns (RMA): a return request per original order, its lines per order line (partial returns),
// reasons mapped to the platforms' enums, the bench's receiving and grading of every unit, the
// refund record, and the reasons report. Money in minor units, times UTC ISO-8601.

export const RETURN_STATES = ['requested', 'approved', 'in_transit', 'received', 'inspected', 'resolved', 'closed', 'declined', 'cancelled'] as const;
export const ReturnState = z.enum(RETURN_STATES);
export type ReturnState = z.infer<typeof ReturnState>;

export const RETURN_REASONS = ['size_too_large', 'size_too_small', 'colour', 'defective', 'not_as_described', 'wrong_item', 'damaged_in_transit', 'changed_mind', 'other'] as const;
export const ReturnReason = z.enum(RETURN_REASONS);
export type ReturnReason = z.infer<typeof ReturnReason>;

/** The shop's fault: the customer pays nothing, damaged units are refunded too, return shipping is the shop's. */
export const SHOP_FAULT_REASONS: readonly ReturnReason[] = ['defective', 'not_as_described', 'wrong_item', 'damaged_in_transit'];

/**
 * Our reasons in the platforms' words (SHOP.md "Returns"): Shopify's ReturnReason enum, Medusa's
 * claim reasons, 快麦's after-sales wording. A channel's reason comes in through `reasonFromPlatform`.
 */
export const REASON_PLATFORM: Record<ReturnReason, { shopify: string; medusa: string; kuaimai: string }> = {
  size_too_large: { shopify: 'SIZE_TOO_LARGE', medusa: 'other', kuaimai: '尺码偏大' },
  size_too_small: { shopify: 'SIZE_TOO_SMALL', medusa: 'other', kuaimai: '尺码偏小' },
  colour: { shopify: 'COLOR', medusa: 'other', kuaimai: '颜色不喜欢' },
  defective: { shopify: 'DEFECTIVE', medusa: 'production_failure', kuaimai: '质量问题' },
  not_as_described: { shopify: 'NOT_AS_DESCRIBED', medusa: 'other', kuaimai: '与描述不符' },
  wrong_item: { shopify: 'WRONG_ITEM', medusa: 'wrong_item', kuaimai: '发错货' },
  damaged_in_transit: { shopify: 'DEFECTIVE', medusa: 'production_failure', kuaimai: '运输破损' },
  changed_mind: { shopify: 'UNWANTED', medusa: 'other', kuaimai: '七天无理由' },
  other: { shopify: 'OTHER', medusa: 'other', kuaimai: '其他' },
};

const PLATFORM_ALIASES: Record<string, ReturnReason> = {
  STYLE: 'changed_mind', UNWANTED: 'changed_mind', COLOR: 'colour', missing_item: 'other', production_failure: 'defective',
};

/** A platform's reason (Shopify enum, Medusa reason, 快麦 text, or ours) as our reason code; unknown ones are `other`. */
export function reasonFromPlatform(value: string): ReturnReason {
  const v = value.trim();
  if ((RETURN_REASONS as readonly string[]).includes(v)) return v as ReturnReason;
  if (PLATFORM_ALIASES[v]) return PLATFORM_ALIASES[v];
  for (const r of RETURN_REASONS) {
    const p = REASON_PLATFORM[r];
    if (p.shopify === v || p.kuaimai === v || (p.medusa === v && v !== 'other')) return r;
  }
  return 'other';
}

/** What the bench decides for each unit that came back. */
export const GRADES = ['sellable', 'damaged', 'repair', 'scrap', 'missing', 'not_ours'] as const;
export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

export const RESOLUTIONS = ['refund', 'exchange', 'resend', 'reject'] as const;
export const Resolution = z.enum(RESOLUTIONS);
export type Resolution = z.infer<typeof Resolution>;

export const REFUND_STATES = ['none', 'pending', 'approved', 'recorded'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

/** Where a return request came from. `unknown`: a parcel that arrived without one (opened at the bench). */
export const RETURN_SOURCES = ['person', 'channel', 'unknown'] as const;
export type ReturnSource = (typeof RETURN_SOURCES)[number];

/** The request's actions and the states each may start from (the bench's grading is not a transition). */
export const RETURN_TRANSITIONS = {
  approve: { from: ['requested'], to: 'approved' },
  decline: { from: ['requested'], to: 'declined' },
  cancel: { from: ['requested', 'approved', 'in_transit'], to: 'cancelled' },
  mark_in_transit: { from: ['approved'], to: 'in_transit' },
  receive: { from: ['requested', 'approved', 'in_transit'], to: 'received' },
  finish_inspection: { from: ['received'], to: 'inspected' },
  resolve: { from: ['inspected'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
} as const satisfies Record<string, { from: readonly ReturnState[]; to: ReturnState }>;
export type ReturnAction = keyof typeof RETURN_TRANSITIONS;
export const RETURN_ACTIONS = Object.keys(RETURN_TRANSITIONS) as ReturnAction[];

/**
 * Who does what. There is no customer-service role: operators are it. An operator (or lead, admin)
 * creates requests; approving a request or a refund is the operator's up to the shop's approval
 * amount and a lead's (or admin's) above it; finance (or a lead, admin) records the refund paid.
 */
export const RETURN_CREATORS: readonly Role[] = STAFF;
export const APPROVER_BELOW_LIMIT: readonly Role[] = ['operator', 'lead', 'admin'];
export const APPROVER_ABOVE_LIMIT: readonly Role[] = MANAGE;
export const REFUND_RECORDERS: readonly Role[] = ['finance', 'lead', 'admin'];
export const BENCH_ROLES: readonly Role[] = STAFF;

/** Who may approve an amount (a request's value or a refund) under the shop's limit. */
export function approversFor(amount: number, limit: number): readonly Role[] {
  return amount <= limit ? APPROVER_BELOW_LIMIT : APPROVER_ABOVE_LIMIT;
}

export const ReturnSettings = z.object({
  approvalLimit: minor.describe('requests and refunds up to this amount (minor units) an operator approves; above it a lead'),
  windowDays: z.number().int().min(0).max(365).describe('days after shipping a return is expected within; later ones get a warning, not a refusal'),
  returnsBin: trimmed(32).describe('bin for sellable units of a SKU that has no bin of its own'),
});
export type ReturnSettings = z.infer<typeof ReturnSettings>;
export const DEFAULT_RETURN_SETTINGS: ReturnSettings = { approvalLimit: 20000, windowDays: 7, returnsBin: 'RET-01' };

export const ReturnLineInput = z.object({
  orderLineId: z.string().max(80).optional().describe('the original order line; or give the SKU'),
  sku: trimmed(64).optional(),
  qty: z.number().int().min(1).max(10_000),
  reason: ReturnReason.optional().describe("this line's reason; defaults to the request's"),
});

export const CreateReturnInput = z.object({
  order: trimmed(80).describe('the original order: id, number, channel number or waybill'),
  reason: ReturnReason,
  lines: z.array(ReturnLineInput).max(500).optional().describe('omitted: every unit of the order'),
  note: freeText(1000).optional(),
});
export type CreateReturnInput = z.infer<typeof CreateReturnInput>;

/** What a sales channel's refund/return event carries (the channels issue calls createReturnFromChannel). */
export const ChannelReturnInput = z.object({
  channel: trimmed(32),
  externalOrderId: trimmed(64).describe("the order's number at the channel"),
  channelReturnId: trimmed(80).describe("the platform's return or refund id: the same one twice is the same request"),
  reason: trimmed(80).describe("the platform's reason (Shopify enum, Medusa reason, 快麦 text) or ours"),
  lines: z.array(z.object({ sku: trimmed(64), qty: z.number().int().min(1).max(10_000) })).max(500).optional(),
  note: freeText(1000).optional(),
});
export type ChannelReturnInput = z.infer<typeof ChannelReturnInput>;

export const ReturnLine = z.object({
  id: z.string(),
  orderLineId: z.string().nullable(),
  skuId: z.string(),
  sku: z.string(),
  name: z.string(),
  qty: z.number().int().describe('units expected back'),
  reason: ReturnReason,
  unitValue: z.number().int().describe("a unit's share of the order total (minor units), rounded down: the first (value - unitValue x qty) units are worth one minor unit more"),
  value: z.number().int().describe("these units' share of the order total (minor units); every unit of an order, over all its returns, adds up to the order total"),
  accounted: z.number().int().describe('units graded so far (any grade)'),
});
export type ReturnLine = z.infer<typeof ReturnLine>;

export const ReturnUnit = z.object({
  id: z.string(),
  lineId: z.string().nullable().describe('null: an item no line expected (wrong or extra)'),
  skuId: z.string().nullable(),
  sku: z.string().nullable(),
  code: z.string().describe('what was scanned'),
  grade: Grade,
  bin: z.string().nullable().describe('where a sellable unit was put back'),
  photo: z.string().nullable().describe('the photo file, served at /api/returns/photos/:name'),
  refund: z.number().int().describe('what this unit adds to the refund'),
  writtenOff: z.boolean(),
  gradedAt: z.string(),
  gradedBy: z.string(),
});
export type ReturnUnit = z.infer<typeof ReturnUnit>;

export const ReturnSummary = z.object({
  id: z.string(),
  number: z.string().describe('RMA-000001: printed as its barcode and QR'),
  state: ReturnState,
  source: z.enum(RETURN_SOURCES),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  channel: z.string().nullable(),
  reason: ReturnReason,
  units: z.number().int(),
  value: z.number().int().describe('value of the requested units'),
  currency: z.string().nullable(),
  waybill: z.string().nullable().describe('the return parcel waybill'),
  outsideWindow: z.boolean(),
  refundState: z.enum(REFUND_STATES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReturnSummary = z.infer<typeof ReturnSummary>;

export const ReturnEvent = z.object({ id: z.number().int(), at: z.string(), type: z.string(), actor: z.string(), reason: z.string().nullable() });

export const ReturnDetail = ReturnSummary.extend({
  channelRef: z.string().nullable(),
  note: z.string().nullable(),
  codes: z.array(z.string()).describe('codes seen on an unknown parcel (waybill, order, channel number)'),
  windowWarning: z.string().nullable(),
  approvers: z.array(z.string()).describe('roles that may approve this request and its refund'),
  resolution: Resolution.nullable(),
  refund: z.object({ amount: z.number().int(), state: z.enum(REFUND_STATES), reference: z.string().nullable(), approvedBy: z.string().nullable(), recordedBy: z.string().nullable() }),
  linkedOrderId: z.string().nullable().describe('the exchange or resend order'),
  expectedUnits: z.number().int(),
  accountedUnits: z.number().int(),
  lines: z.array(ReturnLine),
  unitsGraded: z.array(ReturnUnit),
  history: z.array(ReturnEvent),
});
export type ReturnDetail = z.infer<typeof ReturnDetail>;

export const GradeInput = z.object({
  code: trimmed(100).describe('the scanned item: a barcode or SKU code; on an expected line when one still needs it'),
  grade: Grade,
  photo: z.string().max(1_500_000).regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/, 'a data: URL of a JPEG, PNG or WebP image').optional()
    .describe('the bench camera picture of this unit'),
});
export type GradeInput = z.infer<typeof GradeInput>;

export const ScanResult = z.object({
  code: z.string(),
  return: ReturnDetail.nullable().describe('the open return this code names (RMA number, return waybill, or its order)'),
  order: z.object({ id: z.string(), number: z.string(), state: z.string() }).nullable().describe('an order the code names that has no open return'),
});

const count = z.number().int();
export const ReasonsReport = z.object({
  from: z.string(),
  to: z.string(),
  returns: count,
  units: count,
  byReason: z.array(z.object({ reason: ReturnReason, returns: count, units: count, share: z.number().describe('share of units, 0..1') })),
  bySku: z.array(z.object({ skuId: z.string(), sku: z.string(), name: z.string(), units: count, previousUnits: count, flagged: z.boolean().describe('returns of this SKU jumped against the period before') })),
  byChannel: z.array(z.object({ channel: z.string(), returns: count, units: count })),
  byPacker: z.array(z.object({ packer: z.string(), name: z.string().nullable(), wrongItemReturns: count })),
  byGrade: z.array(z.object({ grade: Grade, units: count })),
});
export type ReasonsReport = z.infer<typeof ReasonsReport>;

export const ImportReturnsReport = z.object({
  created: z.array(z.object({ row: z.number().int(), number: z.string(), order: z.string() })).describe('row: the first spreadsheet row of the order (the header is row 1)'),
  failed: z.array(RowWords.extend({ row: z.number().int(), column: z.string().nullable(), message: z.string() })),
});
export type ImportReturnsReport = z.infer<typeof ImportReturnsReport>;

const ActionParams = z.object({ id: z.string().min(1).max(80), action: z.enum(RETURN_ACTIONS as [ReturnAction, ...ReturnAction[]]) });

export const ActionBody = z.object({
  reason: freeText(500).optional(),
  waybill: line(64).optional().describe('receive / mark_in_transit: the return parcel waybill'),
  resolution: Resolution.optional().describe('resolve: refund, exchange, resend or reject'),
  exchangeLines: z.array(z.object({ sku: trimmed(64), qty: z.number().int().min(1).max(10_000) })).max(100).optional().describe('resolve exchange: what to send instead'),
  markRestMissing: z.boolean().optional().describe('finish_inspection: units never scanned count as missing'),
});
export type ActionBody = z.infer<typeof ActionBody>;

export const returnsRoutes = {
  listReturns: {
    method: 'GET', path: '/api/returns', summary: 'Return requests, newest first; q finds by RMA, order, waybill or channel number', roles: ALL,
    query: z.object({ state: ReturnState.optional(), q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ items: z.array(ReturnSummary) }), tag: 'returns',
  },
  createReturn: { method: 'POST', path: '/api/returns', summary: 'Request a return of an order (all or some of its units), with a reason', roles: RETURN_CREATORS, body: CreateReturnInput, response: ReturnDetail, tag: 'returns' },
  createChannelReturn: {
    method: 'POST', path: '/api/returns/channel', summary: "A sales channel's return or refund event as a request (the same channel return id twice gives the first)", roles: MANAGE,
    body: ChannelReturnInput, response: ReturnDetail, tag: 'returns',
  },
  getReturn: { method: 'GET', path: '/api/returns/:id', summary: 'One return (id or RMA number) with lines, graded units, refund and history', roles: ALL, params: IdParam, response: ReturnDetail, tag: 'returns' },
  returnAction: {
    method: 'POST', path: '/api/returns/:id/actions/:action',
    summary: 'A transition: approve / decline (an operator up to the approval amount, a lead above), cancel, mark_in_transit, receive, finish_inspection, resolve, close',
    roles: STAFF, params: ActionParams, body: ActionBody, response: ReturnDetail, tag: 'returns',
  },
  gradeUnit: {
    method: 'POST', path: '/api/returns/:id/units', summary: 'The bench grades one scanned unit; a sellable one goes back on hand in its bin at once', roles: BENCH_ROLES,
    params: IdParam, body: GradeInput, response: z.object({ unit: ReturnUnit, expected: z.boolean().describe('false: no line expected this item (wrong or extra)'), return: ReturnDetail }), tag: 'returns',
  },
  approveRefund: {
    method: 'POST', path: '/api/returns/:id/refund/approve', summary: 'Approve the refund (an operator up to the approval amount, a lead above)', roles: STAFF,
    params: IdParam, body: z.object({}), response: ReturnDetail, tag: 'returns',
  },
  recordRefund: {
    method: 'POST', path: '/api/returns/:id/refund/record', summary: 'Record the approved refund as paid, with its reference (finance, a lead or admin)', roles: REFUND_RECORDERS,
    params: IdParam, body: z.object({ reference: trimmed(100) }), response: ReturnDetail, tag: 'returns',
  },
  writeOffUnit: {
    method: 'POST', path: '/api/returns/units/:id/write-off', summary: 'A lead writes off a unit graded damaged, repair or scrap', roles: MANAGE,
    params: IdParam, body: z.object({ reason: freeText(500).optional() }), response: ReturnUnit, tag: 'returns',
  },
  heldUnits: {
    method: 'GET', path: '/api/returns/held-units', summary: 'Returned units not put back (damaged, repair, scrap) and not written off', roles: ALL,
    response: z.object({ items: z.array(ReturnUnit.extend({ returnId: z.string(), returnNumber: z.string() })) }), tag: 'returns',
  },
  scanReturn: {
    method: 'GET', path: '/api/returns/scan/:code', summary: 'The bench: what a scanned code names (an RMA, a return waybill, an order or its waybill); reads only', roles: BENCH_ROLES,
    params: z.object({ code: z.string().min(1).max(100) }), response: ScanResult, tag: 'returns',
  },
  receiveUnknown: {
    method: 'POST', path: '/api/returns/unknown', summary: 'A parcel without a request: opens a received return, tied to the order the code names if any', roles: BENCH_ROLES,
    body: z.object({ code: trimmed(100), note: freeText(500).optional() }), response: ReturnDetail, tag: 'returns',
  },
  returnPhoto: {
    method: 'GET', path: '/api/returns/photos/:name', summary: "A graded unit's photo", roles: ALL,
    params: z.object({ name: z.string().regex(/^rtu_[0-9A-Za-z]+\.(jpg|png|webp)$/) }), response: BinaryFile, responseKind: 'binary', produces: ['image/jpeg', 'image/png', 'image/webp'], tag: 'returns',
  },
  reasonsReport: {
    method: 'GET', path: '/api/returns/report', summary: 'Why things come back: returns by reason, SKU (with jumps flagged), channel, packer (wrong item) and grade', roles: ALL,
    query: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }), response: ReasonsReport, tag: 'returns',
  },
  importReturns: {
    method: 'POST', path: '/api/returns/import',
    summary: 'Return requests from a CSV or Excel file (columns order, sku, qty, reason, note; 订单号, 商家编码, 数量, 退货原因, 备注 too): one request per order; a refused row is named by row and column',
    roles: RETURN_CREATORS, body: z.string(), bodyKind: 'text', response: ImportReturnsReport, tag: 'returns',
  },
  getReturnSettings: { method: 'GET', path: '/api/returns/settings', summary: 'Approval amount, return window, returns bin', roles: ALL, response: ReturnSettings, tag: 'returns' },
  putReturnSettings: { method: 'PUT', path: '/api/returns/settings', summary: 'Change the approval amount, return window or returns bin', roles: MANAGE, body: ReturnSettings, response: ReturnSettings, tag: 'returns' },
} as const satisfies Record<string, RouteDef>;
