// Reads of the rules module: the rules (kept in memory until one changes), an order's facts and what
// the rules decided for it, the lead's queue, the limits and the presale list.
import type { CoreContext } from '../../context';
import type { Db } from '../../store/db';
import type { Actor } from '../../store/events';
import type { OrderInput, OrderState } from '../../../contract/orders';
import { BUYER_ORDERS_COUNTED, DEFAULT_LIMITS, type OrderFlag, type OrderRules, type Rule, type RuleLimits } from '../../../contract/rules';
import { notFound } from '../../../lib/errors';
import { shopDay } from '../../../contract/shop-time';
import type { BuyerHistory, OrderFacts } from './evaluate';
import { decodeFired } from './fired';
import {
  countOpenFlags, countBuyerSince, selectFlag, selectFlags, selectHolds, selectAllReturnCounts, selectBuyersSince, selectFactLines, selectFactRows, selectReturnCounts, selectInstructionsOfFlag, selectOpenFactPage, selectPresale, selectPresaleDays, selectResult, selectRules, selectRulesStamp, selectSetting,
  type FactRow, type FlagRow, type RuleRow,
} from './store';

/** Who the rules act as in the log: their own events never start another evaluation. */
export const RULES_ACTOR: Actor = { id: 'system:rules', role: 'admin', name: 'Rules' };

export function ruleOf(r: RuleRow): Rule {
  const body = JSON.parse(r.rule) as Pick<Rule, 'match' | 'conditions' | 'actions'>;
  return { id: r.id, position: r.position, name: r.name, enabled: r.enabled === 1, ...body, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

export const listRules = (ctx: CoreContext): Rule[] => selectRules(ctx.db).map(ruleOf);

// The rules as evaluation uses them, and the presale list (its stock day per SKU id), read again
// only when either changed (one small query per batch: every write to them moves the generation).
interface RulesCache { stamp: string; rules: Rule[]; presale: ReadonlyMap<string, string> }
const cache = new WeakMap<Db, RulesCache>();
function rulesCache(db: Db): RulesCache {
  const stamp = selectRulesStamp(db);
  const hit = cache.get(db);
  if (hit?.stamp === stamp) return hit;
  const rules = selectRules(db).map(ruleOf).filter((r) => r.enabled);
  const fresh = { stamp, rules, presale: rules.length ? new Map(selectPresaleDays(db).map((r) => [r.sku_id, r.stock_date])) : new Map<string, string>() };
  cache.set(db, fresh);
  return fresh;
}
export const activeRules = (db: Db): Rule[] => rulesCache(db).rules;
/** The rules and the presale list in one look at the stamp: the intake reads both once per batch. */
export const rulesInUse = (db: Db): { rules: Rule[]; presale: ReadonlyMap<string, string> } => rulesCache(db);

/** Whether any of the rules looks at the buyer's history (then its count cap is above 0). */
export const needsBuyer = (rules: readonly Rule[]) => buyerCountCap(rules) > 0;
/** The count that decides every "orders today" condition of these rules: past the largest number (at most BUYER_ORDERS_COUNTED; a fixed 50 made "more than 60 a day" never hold). */
export const buyerCountCap = (rules: readonly Rule[]) => {
  let cap = caps.get(rules);
  if (cap === undefined) caps.set(rules, (cap = countCap(rules)));
  return cap;
};
/** Per rule list (activeRules keeps one until a rule changes): the intake asks once per batch. */
const caps = new WeakMap<readonly Rule[], number>();
const countCap = (rules: readonly Rule[]) =>
  rules.reduce((cap, r) => r.conditions.reduce((n, c) => (c.kind === 'buyer_orders_today' ? Math.max(n, Math.min(BUYER_ORDERS_COUNTED, Math.floor(c.number ?? 0)) + 2) : c.kind === 'buyer_returns' ? Math.max(n, 2) : n), cap), 0);

/** Facts of an order, with its state and plan as read (what the actions may do, and need to, depends on them). */
export type StatedFacts = OrderFacts & { known: Pick<FactRow, 'state' | 'carrier' | 'service' | 'priority'> };

/**
 * The facts of these orders' rows, read together: their lines in one query, the buyers' history only
 * when a rule looks at it. "Today" is the last 24 hours for the buyer's count (the same in every time
 * zone), and the shop's day (its `timeZone` setting) a presale line is late after: its stock day is a
 * day on the shop's calendar.
 */
/** Buyers' order counts of the last 24 hours and returns, read once for a pass over many orders. */
export interface BuyerCounts { today: Map<string, number>; returns: Map<string, number> }
export function buyerCounts(db: Db, nowMs: number): BuyerCounts {
  const since = new Date(nowMs - 24 * 3600_000).toISOString();
  return { today: new Map(selectBuyersSince(db, since).map((r) => [r.phone, r.n])), returns: new Map(selectAllReturnCounts(db).map((r) => [r.phone, r.n])) };
}

/** An order as the facts are made of it: from its stored row (factsOfRows) or as just created (factsOfNew). */
interface FactSource {
  id: string;
  known: StatedFacts['known'];
  channel: string;
  totalMinor: number | null;
  shipTo: { province?: string; city?: string; district?: string; address1?: string; address2?: string };
  note: string | null;
  phone: string | null;
  lines: OrderFacts['lines'];
}

/**
 * The buyers' history for a batch, read when a rule first asks: a phone's count of the last 24 hours
 * (capped, plus `pending`: its orders in the batch not written yet) once per phone, the returns of
 * the batch's phones in one query. From `buyers` when a pass read them all beforehand.
 */
function historyOf(db: Db, sources: readonly FactSource[], nowMs: number, rules: readonly Rule[], buyers?: BuyerCounts, pending?: () => ReadonlyMap<string, number>): BuyerHistory {
  if (buyers) return { ordersToday: (p) => buyers.today.get(p) ?? 1, returns: (p) => buyers.returns.get(p) ?? 0 };
  const since = new Date(nowMs - 24 * 3600_000).toISOString();
  const cap = buyerCountCap(rules);
  const today = new Map<string, number>();
  let returns: Map<string, number> | undefined;
  return {
    ordersToday(p) {
      let n = today.get(p);
      if (n === undefined) today.set(p, (n = Math.min(cap, countBuyerSince(db, p, since, cap) + (pending?.().get(p) ?? 0))));
      return n;
    },
    returns(p) {
      returns ??= new Map(selectReturnCounts(db, JSON.stringify([...new Set(sources.map((o) => o.phone).filter((x): x is string => !!x))])).map((r) => [r.phone, r.n]));
      return returns.get(p) ?? 0;
    },
  };
}

function factsOfSources(db: Db, sources: readonly FactSource[], nowMs: number, timeZone: string, rules: readonly Rule[], buyers?: BuyerCounts, pending?: () => ReadonlyMap<string, number>): StatedFacts[] {
  const today = shopDay(nowMs, timeZone);
  const history = needsBuyer(rules) ? historyOf(db, sources, nowMs, rules, buyers, pending) : undefined;
  return sources.map((o) => {
    const to = o.shipTo;
    const ls = o.lines;
    return {
      orderId: o.id, known: o.known, channel: o.channel, totalMinor: o.totalMinor ?? ls.reduce((n, l) => n + (l.priceMinor ?? 0) * l.qty, 0),
      province: to.province ?? '', city: to.city ?? '', district: to.district ?? '', address: `${to.address1 ?? ''} ${to.address2 ?? ''}`.trim(), note: o.note ?? '',
      lines: ls, phone: o.phone, history, today,
    };
  });
}

export function factsOfRows(db: Db, rows: readonly FactRow[], nowMs: number, timeZone: string, rules: readonly Rule[], buyers?: BuyerCounts): StatedFacts[] {
  if (rows.length === 0) return [];
  const lines = new Map<string, OrderFacts['lines']>();
  for (const l of selectFactLines(db, JSON.stringify(rows.map((r) => r.id)))) {
    const line = { sku: l.sku, qty: l.qty, priceMinor: l.unit_price_minor, costMinor: l.cost_minor, weightG: l.unit_weight_g, stockDate: l.stock_date };
    const got = lines.get(l.order_id);
    if (got) got.push(line);
    else lines.set(l.order_id, [line]);
  }
  return factsOfSources(db, rows.map((o) => ({
    id: o.id, known: { state: o.state, carrier: o.carrier, service: o.service, priority: o.priority }, channel: o.channel, totalMinor: o.total_minor,
    shipTo: JSON.parse(o.ship_to) as FactSource['shipTo'], note: o.note, phone: o.phone_digits, lines: lines.get(o.id) ?? [],
  })), nowMs, timeZone, rules, buyers);
}

/**
 * A page of open orders after `afterId` with their facts and what the rules last decided (`before`,
 * null when nothing is recorded), read in one statement (selectOpenFactPage): the re-evaluation's read.
 */
export function openFactsPage(db: Db, afterId: string, limit: number, nowMs: number, timeZone: string, rules: readonly Rule[], buyers?: BuyerCounts): { facts: StatedFacts[]; before: (string | null)[]; lastId: string | null } {
  const rows = selectOpenFactPage(db, afterId, limit);
  const sources: FactSource[] = [];
  const before: (string | null)[] = [];
  let cur = null as FactSource | null;
  for (const o of rows) {
    if (cur?.id !== o.id) {
      cur = {
        id: o.id, known: { state: o.state, carrier: o.carrier, service: o.service, priority: o.priority }, channel: o.channel, totalMinor: o.total_minor,
        shipTo: JSON.parse(o.ship_to) as FactSource['shipTo'], note: o.note, phone: o.phone_digits, lines: [],
      };
      sources.push(cur);
      before.push(o.sig);
    }
    if (o.sku !== null) cur.lines.push({ sku: o.sku, qty: o.qty!, priceMinor: o.unit_price_minor, costMinor: o.cost_minor, weightG: o.unit_weight_g, stockDate: o.stock_date });
  }
  return { facts: factsOfSources(db, sources, nowMs, timeZone, rules, buyers), before, lastId: sources.at(-1)?.id ?? null };
}

/** An order createOrders is about to write: what it will write, so the rules decide before the insert. */
export interface NewOrderFacts {
  id: string;
  state: OrderState;
  input: Pick<OrderInput, 'channel' | 'shipTo' | 'carrier' | 'service' | 'priority' | 'total' | 'note'>;
  /** its lines as they will be written: our SKU (with its code, weight and cost as resolved), units (after a barcode's pack size), unit price */
  lines: readonly { skuId: string; qty: number; unitPrice?: number; info: { sku: string; unitWeightG: number | null; costMinor: number | null } }[];
}

/** The ship-to phone as the orders table's phone_digits column computes it. */
const phoneDigits = (phone: string | undefined) => (phone === undefined || phone === null ? null : phone.replaceAll(' ', '').replaceAll('-', '').replaceAll('+', ''));

/**
 * Facts of orders about to be created, as factsOf would read them after the insert: the SKUs as the
 * order's lines resolved them and the presale days kept with the rules, so no read at all unless a
 * rule looks at the buyer's history (then one per phone in the batch; the batch's own orders added).
 */
export function factsOfNew(db: Db, orders: readonly NewOrderFacts[], nowMs: number, timeZone: string, rules: readonly Rule[], presale: ReadonlyMap<string, string> = rulesCache(db).presale): StatedFacts[] {
  // The phone only serves the buyer's history: not worked out when no rule looks at it.
  const buyer = needsBuyer(rules);
  const phones = orders.map((o) => (buyer ? phoneDigits(o.input.shipTo.phone) : null));
  // The batch's orders per phone, counted only if a rule asks for a buyer's day.
  let pending: Map<string, number> | undefined;
  const batchCounts = () => {
    if (pending) return pending;
    pending = new Map();
    for (const p of phones) if (p) pending.set(p, (pending.get(p) ?? 0) + 1);
    return pending;
  };
  return factsOfSources(db, orders.map(({ id, state, input, lines }, n) => ({
    id, known: { state, carrier: input.carrier ?? null, service: input.service ?? null, priority: input.priority ?? 0 }, channel: input.channel, totalMinor: input.total?.amount ?? null,
    shipTo: input.shipTo, note: input.note ?? null, phone: phones[n]!,
    lines: lines.map((l) => ({ sku: l.info.sku, qty: l.qty, priceMinor: l.unitPrice ?? null, costMinor: l.info.costMinor, weightG: l.info.unitWeightG, stockDate: presale.get(l.skuId) ?? null })),
  })), nowMs, timeZone, rules, undefined, batchCounts);
}

export const factsOf = (db: Db, orderIds: readonly string[], nowMs: number, timeZone: string, rules: readonly Rule[]) => factsOfRows(db, selectFactRows(db, JSON.stringify(orderIds)), nowMs, timeZone, rules);

export function orderRules(ctx: CoreContext, orderId: string): OrderRules {
  const r = selectResult(ctx.db, orderId);
  const names = new Map(selectRules(ctx.db).map((x) => [x.id, x.name]));
  return {
    orderId,
    evaluations: r?.evaluations ?? 0,
    evaluatedAt: r?.evaluated_at ?? null,
    fired: r ? decodeFired(ctx.db, r.fired) : [],
    tags: r?.tags ? JSON.parse(r.tags) : [],
    packerNote: r?.packer_note ?? null,
    holds: selectHolds(ctx.db, orderId).map((h) => ({
      ruleId: h.rule_id, name: names.get(h.rule_id) ?? h.rule_id, type: h.type as OrderRules['holds'][number]['type'], reason: h.reason, heldAt: h.held_at, releaseAt: h.release_at, state: h.state,
    })),
  };
}

export function ruleLimits(db: Db): RuleLimits {
  const v = selectSetting(db, 'limits');
  return v ? { ...DEFAULT_LIMITS, ...(JSON.parse(v) as Partial<RuleLimits>) } : DEFAULT_LIMITS;
}

export const presaleList = (ctx: CoreContext) => ({ items: selectPresale(ctx.db) });

function flagOf(db: Db, f: FlagRow): OrderFlag {
  return {
    id: f.id, kind: f.kind, orderId: f.order_id, orderNumber: f.order_number, orderState: f.order_state, stateAtFlag: f.state_at_flag, since: f.since, minutes: f.minutes,
    instructions: f.kind === 'conflict' ? selectInstructionsOfFlag(db, f.id).map((i) => ({ ...JSON.parse(i.body), id: i.id, at: i.at, actor: i.actor, outcome: i.outcome })) : [],
    state: f.state, createdAt: f.created_at, resolvedAt: f.resolved_at, resolvedBy: f.resolved_by, decision: f.decision,
  };
}

export function getFlag(ctx: CoreContext, id: string): OrderFlag {
  const f = selectFlag(ctx.db, id);
  return f ? flagOf(ctx.db, f) : notFound('flag', id);
}

/** The lead's queue; the command centre reads the same (GET /api/rules/queue). */
export function leadQueue(ctx: CoreContext, q: { state: 'open' | 'resolved'; kind?: OrderFlag['kind']; limit: number }) {
  const counts = { unassigned: 0, stuck: 0, conflict: 0 };
  for (const c of countOpenFlags(ctx.db)) counts[c.kind] = c.n;
  return { items: selectFlags(ctx.db, q.state, q.kind, q.limit).map((f) => flagOf(ctx.db, f)), counts };
}
