import { z } from 'zod';
import { freeText, line, trimmed } from './common';
import { RowWords } from './errors';
import { OrderInput } from './orders';
import type { Role } from './people';
import { BinaryFile, IdParam, Ok, type RouteDef } from './routing';
import { said } from './field-messages';

// Payouts: statements of what the channels' payment services paid, matched to orders, every
// difference labelled with its cause. Money is integer fen (minor units) with a currency per row.

/** Finance and admins import statements and resolve differences; leads read; nobody else sees money. */
export const MONEY_WRITE: readonly Role[] = ['finance', 'admin'];
export const MONEY_READ: readonly Role[] = ['finance', 'admin', 'lead'];

/** The statement formats Packline reads as they come; anything else goes through a saved mapping. */
export const STATEMENT_SOURCES = ['wechat', 'alipay', 'shopify', 'mapped'] as const;
export const StatementSource = z.enum(STATEMENT_SOURCES);
export type StatementSource = z.infer<typeof StatementSource>;

/** What a statement row is. A refund is matched to its charge; the rest stand on their own. */
export const ROW_KINDS = ['charge', 'refund', 'fee', 'dispute', 'reserve', 'adjustment', 'payout', 'other'] as const;
export const RowKind = z.enum(ROW_KINDS);
export type RowKind = z.infer<typeof RowKind>;

export const ROW_STATES = ['matched', 'partly_matched', 'unmatched'] as const;
export const RowState = z.enum(ROW_STATES);
export type RowState = z.infer<typeof RowState>;

export const PAY_STATUSES = ['paid', 'partly_paid', 'unpaid', 'over_paid'] as const;
export const PayStatus = z.enum(PAY_STATUSES);
export type PayStatus = z.infer<typeof PayStatus>;

/**
 * Why what arrived differs from what the order should bring. fee: 手续费/服务费; merchant_coupon: a
 * coupon the shop bears (its share of a coupon split across lines); platform_subsidy: a coupon or
 * subsidy the platform pays (more arrives than the buyer paid); timing: paid in a later payout than
 * the channel's cycle; unexplained: what is left when every known cause is taken off.
 */
export const CAUSES = ['fee', 'merchant_coupon', 'platform_subsidy', 'refund', 'shipping', 'dispute', 'reserve', 'currency', 'timing', 'unexplained'] as const;
export const Cause = z.enum(CAUSES);
export type Cause = z.infer<typeof Cause>;

/** open: a person should look; expected: a finance rule says it is routine; confirmed: a person kept a cause. */
export const DIFF_STATES = ['open', 'expected', 'confirmed'] as const;
export const DiffState = z.enum(DIFF_STATES);

const fen = z.number().int();

export const StatementRow = z.object({
  id: z.number().int(),
  statementId: z.string(),
  row: z.number().int().describe('spreadsheet row number in the file (the first line is 1)'),
  channel: z.string(),
  kind: RowKind,
  merchantOrderNo: z.string().nullable().describe('商户订单号 / the order as the statement names it'),
  platformTxnId: z.string().nullable(),
  refundNo: z.string().nullable(),
  occurredAt: z.string().nullable(),
  settledOn: z.string().nullable().describe('payout or settlement date (YYYY-MM-DD)'),
  payoutRef: z.string().nullable(),
  currency: z.string(),
  grossFen: fen, feeFen: fen, merchantCouponFen: fen, platformCouponFen: fen, refundFen: fen, netFen: fen,
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  matchedBy: z.enum(['number', 'amount_time', 'charge']).nullable(),
  chargeRowId: z.number().int().nullable().describe('a refund: the charge row it gives back'),
  state: RowState,
  raw: z.string().describe('the row as it stood in the file'),
});
export type StatementRow = z.infer<typeof StatementRow>;

// `message` says the row and column before what was wrong; the words of `key` say only what was wrong
export const RowIssue = RowWords.extend({ row: z.number().int(), column: z.string().nullable(), message: z.string() });
export type RowIssue = z.infer<typeof RowIssue>;

export const StatementReport = z.object({
  statementId: z.string(),
  source: StatementSource,
  channel: z.string(),
  filename: z.string().nullable(),
  encoding: z.string().nullable(),
  alreadyImported: z.boolean().describe('the same file was imported before: nothing was added'),
  rows: z.number().int().describe('data rows read (summary and comment lines not counted)'),
  added: z.number().int(),
  duplicates: z.number().int().describe('rows already known from another statement'),
  refused: z.number().int(),
  matched: z.number().int(), partlyMatched: z.number().int(), unmatched: z.number().int(),
  errors: z.array(RowIssue).describe('each refused row by its row number and column (first 100)'),
  importedAt: z.string(),
});
export type StatementReport = z.infer<typeof StatementReport>;

export const Difference = z.object({
  id: z.number().int(),
  orderId: z.string(),
  orderNumber: z.string(),
  channel: z.string(),
  cause: Cause,
  amountFen: fen.describe('positive: less arrived than the order brings; negative: more'),
  currency: z.string(),
  state: DiffState,
  ruleId: z.number().int().nullable(),
  note: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});
export type Difference = z.infer<typeof Difference>;

export const OrderMoney = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  channel: z.string(),
  externalId: z.string(),
  orderState: z.string(),
  createdAt: z.string(),
  currency: z.string(),
  expectedFen: fen.describe("the order's total: what the buyer paid"),
  receivedFen: fen.describe('net of every matched row: charges less fees, less refunds'),
  feeFen: fen,
  gapFen: fen.describe('expected - received'),
  unexplainedFen: fen,
  status: PayStatus,
  dueAt: z.string().nullable().describe("created + the channel's settlement cycle"),
  overdue: z.boolean(),
});
export type OrderMoney = z.infer<typeof OrderMoney>;

/** What a profit figure could not count: a line's product cost, the shipping cost, the fees of money not arrived yet, the order's total. */
export const PROFIT_UNKNOWNS = ['product_cost', 'shipping', 'fees', 'revenue'] as const;
export const ProfitUnknown = z.object({
  what: z.enum(PROFIT_UNKNOWNS),
  sku: z.string().nullable().describe('product_cost: the SKU with no cost (or a cost in another currency than the order)'),
});
export type ProfitUnknown = z.infer<typeof ProfitUnknown>;

/**
 * An order's profit after fees, worked out when read. revenue: what arrived before fees and refunds
 * (received + fees + refunds), or the order's total while no money has arrived; profit = revenue -
 * fees - refunds - shipping - productCost. null: not known (a line without a cost makes profit null, never 0).
 */
export const OrderProfit = z.object({
  currency: z.string(),
  revenue: fen.nullable(),
  fees: fen,
  refunds: fen,
  shipping: fen.nullable().describe('null: Packline keeps no label or carrier cost, so it is left out'),
  productCost: fen.nullable().describe('sum of skus.cost_minor x quantity; null when a line has no cost'),
  profit: fen.nullable(),
  marginPct: z.number().nullable().describe('profit / revenue x 100, one decimal'),
  unknown: z.array(ProfitUnknown),
});
export type OrderProfit = z.infer<typeof OrderProfit>;

export const OrderMoneyDetail = OrderMoney.extend({ differences: z.array(Difference), rows: z.array(StatementRow), profit: OrderProfit });

/** Profit per channel and currency of the orders placed in a date range. */
export const ChannelProfit = z.object({
  channel: z.string(),
  currency: z.string(),
  orders: z.number().int().describe('orders placed in the range (cancelled ones with no money left out)'),
  revenue: fen, fees: fen, refunds: fen,
  cost: fen.describe('product cost of the orders whose cost is known'),
  profit: fen.describe('profit of the orders whose cost is known'),
  marginPct: z.number().nullable().describe('profit / the revenue of those orders x 100'),
  unknownCostOrders: z.number().int().describe('orders left out of cost, profit and margin for a line whose SKU has no cost (or one in another currency); an order with no total and no money is left out too, but not counted here'),
});
export type ChannelProfit = z.infer<typeof ChannelProfit>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
export const ProfitQuery = z.object({ from: Day.describe("first day of the orders counted: the shop's day (its timeZone setting), from its midnight"), to: Day.describe('last day, included; at most 92 days (a quarter)') });

export const ChannelMoney = z.object({
  channel: z.string(),
  currency: z.string(),
  cycleLabel: z.string().nullable(),
  cycleDays: z.number().int().nullable(),
  paid: z.object({ orders: z.number().int(), fen }),
  inTransit: z.object({ orders: z.number().int(), fen }),
  overdue: z.object({ orders: z.number().int(), fen }),
  fees: fen,
  openDifferences: z.number().int(),
  unmatchedRows: z.number().int(),
});
export type ChannelMoney = z.infer<typeof ChannelMoney>;

export const ChannelCycleInput = z.object({
  cycleDays: z.number().int().min(0).max(90).describe('days after the order until the money should arrive'),
  cycleLabel: line(16).optional().describe('how the channel names it: T+3, D+1'),
  toleranceFen: z.number().int().min(0).max(100_000).optional().describe('amount match tolerance when there is no order number'),
  windowHours: z.number().int().min(1).max(24 * 60).optional().describe('time window of that match'),
});
export const ChannelCycle = ChannelCycleInput.required().extend({ channel: z.string() });
export type ChannelCycle = z.infer<typeof ChannelCycle>;

export const CauseRuleInput = z.object({
  channel: OrderInput.shape.channel.nullable().default(null).describe('null: every channel'),
  cause: Cause,
  maxPercent: z.number().min(0).max(100).nullable().default(null).describe('e.g. 0.6: up to 0.6% of the order is routine'),
  maxFen: z.number().int().min(0).max(1e9).nullable().default(null).describe('up to this amount is routine'),
  note: freeText(200).optional(),
}).refine((r) => r.maxPercent !== null || r.maxFen !== null, { ...said('causeRuleLimit'), path: ['maxPercent'] });
export type CauseRuleInput = z.infer<typeof CauseRuleInput>;
export const CauseRule = z.object({
  id: z.number().int(), channel: z.string().nullable(), cause: Cause, maxPercent: z.number().nullable(), maxFen: z.number().int().nullable(),
  note: z.string().nullable(), createdAt: z.string(),
});
export type CauseRule = z.infer<typeof CauseRule>;

/** A saved column mapping for any other statement (CSV or Excel): our field -> their column header. */
export const STATEMENT_FIELDS = ['merchantOrderNo', 'platformTxnId', 'refundNo', 'kind', 'occurredAt', 'settledOn', 'payoutRef', 'currency', 'gross', 'fee', 'merchantCoupon', 'platformCoupon', 'refund', 'net'] as const;
export const StatementField = z.enum(STATEMENT_FIELDS);
export type StatementField = z.infer<typeof StatementField>;

export const StatementMappingInput = z.object({
  name: trimmed(100),
  channel: OrderInput.shape.channel,
  columns: z.partialRecord(StatementField, z.string().min(1).max(200)).refine((c) => c.merchantOrderNo && (c.gross || c.net), said('statementColumns')),
  amountsIn: z.enum(['yuan', 'fen']).default('yuan').describe('yuan: "19.90"; fen: "1990"'),
  currency: line(3).default('CNY'),
  refundWords: z.array(trimmed(40)).max(10).default(['退款', 'refund', 'REFUND']).describe('a kind column holding one of these is a refund'),
});
export type StatementMappingInput = z.infer<typeof StatementMappingInput>;
export const StatementMapping = StatementMappingInput.extend({ id: z.string(), createdAt: z.string() });
export type StatementMapping = z.infer<typeof StatementMapping>;

export const ImportStatementQuery = z.object({
  source: StatementSource,
  channel: OrderInput.shape.channel.optional().describe('the channel whose orders this statement pays; default per source: wechat -> miniprogram, alipay -> taobao, shopify -> shopify'),
  mapping: z.string().min(1).max(100).optional().describe('source=mapped: the saved mapping by name or id'),
  filename: line(200).optional(),
});

const Limit = z.coerce.number().int().min(1).max(1000).default(200);

export const payoutsRoutes = {
  importStatement: {
    method: 'POST', path: '/api/payouts/statements', summary: 'Import a payout statement (WeChat ALL bill, Alipay zip or CSV, Shopify payouts CSV, or any CSV/Excel through a saved mapping) and match it to orders',
    roles: MONEY_WRITE, query: ImportStatementQuery, body: z.string(), bodyKind: 'text', response: StatementReport, tag: 'payouts',
  },
  listStatements: { method: 'GET', path: '/api/payouts/statements', summary: 'Statements imported, newest first', roles: MONEY_READ, response: z.object({ items: z.array(StatementReport) }), tag: 'payouts' },
  listStatementRows: {
    method: 'GET', path: '/api/payouts/rows', summary: 'Statement rows; state=unmatched is the money with no order', roles: MONEY_READ,
    query: z.object({ statementId: z.string().max(80).optional(), state: RowState.optional(), channel: z.string().max(32).optional(), limit: Limit }),
    response: z.object({ items: z.array(StatementRow), total: z.number().int() }), tag: 'payouts',
  },
  moneySummary: { method: 'GET', path: '/api/payouts/summary', summary: 'Per channel: paid, in transit and overdue by its settlement cycle; fees; open differences; unmatched rows', roles: MONEY_READ, response: z.object({ channels: z.array(ChannelMoney), asOf: z.string() }), tag: 'payouts' },
  listOrderMoney: {
    method: 'GET', path: '/api/payouts/orders', summary: 'Orders with their money: status=unpaid&overdue=true is the orders with no money past their cycle', roles: MONEY_READ,
    query: z.object({ status: PayStatus.optional(), channel: z.string().max(32).optional(), overdue: z.enum(['true', 'false']).optional(), limit: Limit }),
    response: z.object({ items: z.array(OrderMoney) }), tag: 'payouts',
  },
  getOrderMoney: { method: 'GET', path: '/api/payouts/orders/:id', summary: "An order's money: expected, received, each difference and the statement rows", roles: MONEY_READ, params: IdParam, response: OrderMoneyDetail, tag: 'payouts' },
  profitByChannel: {
    method: 'GET', path: '/api/payouts/profit', summary: 'Per channel: orders placed from..to, revenue, fees, refunds, product cost, profit after fees, orders with unknown cost',
    roles: MONEY_READ, query: ProfitQuery, response: z.object({ channels: z.array(ChannelProfit), from: z.string(), to: z.string() }), tag: 'payouts',
  },
  listDifferences: {
    method: 'GET', path: '/api/payouts/differences', summary: 'Differences with their causes (state=open: what a person should look at)', roles: MONEY_READ,
    query: z.object({ state: DiffState.optional(), cause: Cause.optional(), channel: z.string().max(32).optional(), limit: Limit }),
    response: z.object({ items: z.array(Difference) }), tag: 'payouts',
  },
  confirmDifference: {
    method: 'POST', path: '/api/payouts/differences/:id/confirm', summary: 'Keep a cause for a difference (the cause a person confirms survives later imports)', roles: MONEY_WRITE,
    params: z.object({ id: z.coerce.number().int().min(1) }), body: z.object({ cause: Cause, note: freeText(500).optional() }), response: Difference, tag: 'payouts',
  },
  listCauseRules: { method: 'GET', path: '/api/payouts/rules', summary: 'Rules that mark routine differences as expected', roles: MONEY_READ, response: z.object({ items: z.array(CauseRule) }), tag: 'payouts' },
  createCauseRule: { method: 'POST', path: '/api/payouts/rules', summary: 'A rule such as "fees up to 0.6% on WeChat are expected"; applied to every order at once', roles: MONEY_WRITE, body: CauseRuleInput, response: CauseRule, tag: 'payouts' },
  deleteCauseRule: { method: 'DELETE', path: '/api/payouts/rules/:id', summary: 'Remove a rule; the differences it cleared open again', roles: MONEY_WRITE, params: z.object({ id: z.coerce.number().int().min(1) }), response: Ok, tag: 'payouts' },
  listChannelCycles: { method: 'GET', path: '/api/payouts/channels', summary: "Each channel's settlement cycle (Douyin T+3, Pinduoduo T+7, 小程序 D+1) and match tolerance", roles: MONEY_READ, response: z.object({ items: z.array(ChannelCycle) }), tag: 'payouts' },
  putChannelCycle: {
    method: 'PUT', path: '/api/payouts/channels/:channel', summary: "Set a channel's settlement cycle", roles: MONEY_WRITE,
    params: z.object({ channel: OrderInput.shape.channel }), body: ChannelCycleInput, response: ChannelCycle, tag: 'payouts',
  },
  listStatementMappings: { method: 'GET', path: '/api/payouts/mappings', summary: 'Saved column mappings of other statements', roles: MONEY_READ, response: z.object({ items: z.array(StatementMapping) }), tag: 'payouts' },
  createStatementMapping: { method: 'POST', path: '/api/payouts/mappings', summary: 'Save a column mapping once per statement format', roles: MONEY_WRITE, body: StatementMappingInput, response: StatementMapping, tag: 'payouts' },
  exportPayouts: {
    method: 'GET', path: '/api/payouts/export', summary: 'Matched payout rows and their fees for accounting (金蝶/用友 voucher import); nothing personal', roles: MONEY_READ,
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), from: z.string().max(10).optional(), to: z.string().max(10).optional() }),
    response: BinaryFile, responseKind: 'binary', produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], tag: 'payouts',
  },
} as const satisfies Record<string, RouteDef>;
