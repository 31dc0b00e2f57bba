import { z } from 'zod';
import { freeText, line, trimmed } from './common';
import { Address, OrderState } from './orders';
import { ALL, IdParam, MANAGE, Ok, type RouteDef } from './routing';
import { matching, said } from './field-messages';

// Rules: an ordered list a lead edits on a screen (conditions -> actions) that runs on every order
// when it arrives and again on every change; the lead's queue (orders nobody took, orders stuck in a
// state, contradictory instructions frozen for a decision). SHOP.md "Rules and routing".

export const CONDITION_KINDS = [
  'channel', 'sku', 'tag', 'amount', 'quantity', 'weight', 'region', 'address', 'buyer_orders_today', 'buyer_returns',
  'below_cost', 'presale', 'presale_late', 'note',
] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** Kinds compared with a number (op + number). */
export const NUMERIC_KINDS: readonly ConditionKind[] = ['amount', 'quantity', 'weight', 'buyer_orders_today', 'buyer_returns', 'below_cost'];
/** Kinds matched against a list of words (values). */
export const LIST_KINDS: readonly ConditionKind[] = ['channel', 'sku', 'tag', 'region', 'note'];

export const ADDRESS_CHECKS = ['missing_district', 'pickup_point', 'unparseable'] as const;
export const OPS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
export const HOLD_TYPES = ['fraud', 'address', 'payment', 'stock', 'presale', 'manual'] as const;
export type HoldType = (typeof HOLD_TYPES)[number];

/** The pickup-point words (驿站, 代收点...) an address check looks for when a rule names none. */
export const PICKUP_POINT_WORDS = ['驿站', '代收点', '菜鸟驿站', '快递柜', '丰巢', '自提点', '快递超市'] as const;

/** "More than N orders a day" is checked up to this N: counting further would read a busy buyer's whole day on every order. */
export const BUYER_ORDERS_COUNTED = 200;

export const Condition = z.object({
  kind: z.enum(CONDITION_KINDS),
  op: z.enum(OPS).optional().describe('numeric kinds: how the order\'s figure compares with `number`'),
  number: z.number().min(0).max(1e12).optional().describe('amount in yuan (major units), quantity in units, weight in grams, a count, or (below_cost) a percent'),
  values: z.array(trimmed(80)).max(100).optional().describe('channel codes, SKUs, tags, provinces/cities, note words, or (address pickup_point) the words to look for'),
  lines: z.enum(['any', 'all']).optional().describe('sku: any line or all lines'),
  check: z.enum(ADDRESS_CHECKS).optional().describe('address: which check'),
}).superRefine((c, ctx) => {
  if (NUMERIC_KINDS.includes(c.kind) && (c.op === undefined || c.number === undefined)) ctx.addIssue({ code: 'custom', path: ['number'], ...said('conditionNeedsNumber', { kind: c.kind }) });
  if (LIST_KINDS.includes(c.kind) && !c.values?.length) ctx.addIssue({ code: 'custom', path: ['values'], ...said('conditionNeedsValue', { kind: c.kind }) });
  if (c.kind === 'address' && !c.check) ctx.addIssue({ code: 'custom', path: ['check'], ...said('conditionNeedsCheck') });
  if (c.kind === 'buyer_orders_today' && (c.number ?? 0) > BUYER_ORDERS_COUNTED) ctx.addIssue({ code: 'custom', path: ['number'], ...said('buyerOrdersMax', { max: BUYER_ORDERS_COUNTED }) });
});
export type Condition = z.infer<typeof Condition>;

export const RuleActions = z.object({
  hold: z.object({
    type: z.enum(HOLD_TYPES),
    releaseAfterMinutes: z.number().int().min(1).max(60 * 24 * 30).optional().describe('released by itself this long after the hold'),
    releaseWhenClear: z.boolean().optional().describe('released by itself when the rule no longer matches the order (stock arrived, address fixed)'),
  }).optional(),
  warehouse: trimmed(40).optional().describe('a warehouse code: the order is routed there (before it is in a wave)'),
  carrier: trimmed(40).optional(),
  service: trimmed(80).optional(),
  priority: z.number().int().min(0).max(9).optional(),
  tags: z.array(trimmed(40)).max(10).optional(),
  packerNote: freeText(200).optional().describe('shown to the packer at the bench'),
  stop: z.boolean().optional().describe('later rules are not looked at for this order'),
}).refine((a) => a.hold || a.warehouse || a.carrier || a.service || a.priority !== undefined || a.tags?.length || a.packerNote || a.stop, said('ruleNeedsAction'));
export type RuleActions = z.infer<typeof RuleActions>;

export const RuleInput = z.object({
  name: trimmed(80),
  enabled: z.boolean().default(true),
  match: z.enum(['all', 'any']).default('all').describe('all conditions must hold, or any one'),
  conditions: z.array(Condition).min(1).max(20),
  actions: RuleActions,
  expectedVersion: z.number().int().optional(),
});
export type RuleInput = z.input<typeof RuleInput>;
/** A rule as the core takes it (defaults filled in). */
export type RuleBody = z.infer<typeof RuleInput>;

export const Rule = z.object({
  id: z.string(), position: z.number().int(), name: z.string(), enabled: z.boolean(), match: z.enum(['all', 'any']),
  conditions: z.array(Condition), actions: RuleActions, version: z.number().int(), updatedAt: z.string(), updatedBy: z.string(),
});
export type Rule = z.infer<typeof Rule>;

/** One reason a rule fired: the condition and the order's figure that met it. */
export const FiredWhy = z.object({ kind: z.enum(CONDITION_KINDS), detail: z.string() });
export const FiredRule = z.object({ ruleId: z.string(), name: z.string(), why: z.array(FiredWhy), actions: z.array(z.string()) });
export type FiredRule = z.infer<typeof FiredRule>;

export const OrderRules = z.object({
  orderId: z.string(),
  evaluations: z.number().int().describe('how many times the rules ran on this order (once on arrival, once per change)'),
  evaluatedAt: z.string().nullable(),
  fired: z.array(FiredRule),
  tags: z.array(z.string()),
  packerNote: z.string().nullable(),
  holds: z.array(z.object({ ruleId: z.string(), name: z.string(), type: z.enum(HOLD_TYPES), reason: z.string(), heldAt: z.string(), releaseAt: z.string().nullable(), state: z.enum(['held', 'released', 'released_by_person']) })),
});
export type OrderRules = z.infer<typeof OrderRules>;

export const FLAG_KINDS = ['unassigned', 'stuck', 'conflict'] as const;

/** An instruction as a frozen order's reason names it: its kind and when it came (UTC ISO). */
export interface InstructionMoment { kind: string; at: string }
/** The reason an order frozen by two contradictory instructions carries (kept in English in the log; screens say it in their language). */
export const conflictReason = (first: InstructionMoment, second: InstructionMoment) =>
  `frozen for a lead: "${first.kind}" at ${first.at} and "${second.kind}" at ${second.at} contradict each other`;
/** The two instructions of a conflictReason text; null for any other text. */
export function conflictIn(text: string): [InstructionMoment, InstructionMoment] | null {
  const m = /^frozen for a lead: "(\w+)" at (\S+) and "(\w+)" at (\S+) contradict each other$/.exec(text);
  return m ? [{ kind: m[1]!, at: m[2]! }, { kind: m[3]!, at: m[4]! }] : null;
}
export const Instruction = z.object({
  kind: z.enum(['cancel', 'expedite', 'address']),
  reason: freeText(500).min(1),
  shipTo: Address.optional().describe('address: the new recipient and address'),
  source: line(80).optional().describe('who sent it: a channel, the phone, a person'),
});
export type Instruction = z.infer<typeof Instruction>;
export const StoredInstruction = Instruction.extend({ id: z.string(), at: z.string(), actor: z.string(), outcome: z.enum(['applied', 'frozen', 'refused']) });

export const OrderFlag = z.object({
  id: z.string(), kind: z.enum(FLAG_KINDS), orderId: z.string(), orderNumber: z.string(), orderState: OrderState,
  stateAtFlag: OrderState, since: z.string().describe('when the order entered the state (or the first instruction arrived)'),
  minutes: z.number().int().describe('how long it had been there when flagged'),
  instructions: z.array(StoredInstruction).describe('conflict: both instructions'),
  state: z.enum(['open', 'resolved']), createdAt: z.string(), resolvedAt: z.string().nullable(), resolvedBy: z.string().nullable(), decision: z.string().nullable(),
});
export type OrderFlag = z.infer<typeof OrderFlag>;

export const RuleLimits = z.object({
  unassignedMinutes: z.number().int().min(1).max(24 * 60).describe('ready or allocated this long without a wave or packing: to the lead\'s queue'),
  stuckMinutes: z.record(z.enum(['new', 'in_wave', 'picked', 'packing']), z.number().int().min(1).max(7 * 24 * 60)).describe('per state: longer than this in it is flagged'),
  conflictWindowSeconds: z.number().int().min(1).max(3600).describe('two contradictory instructions within this window freeze the order'),
});
export type RuleLimits = z.infer<typeof RuleLimits>;
export const DEFAULT_LIMITS: RuleLimits = { unassignedMinutes: 30, stuckMinutes: { new: 15, in_wave: 120, picked: 15, packing: 15 }, conflictWindowSeconds: 15 };

export const PresaleSku = z.object({ sku: trimmed(80), stockDate: matching(z.string(), /^\d{4}-\d{2}-\d{2}$/, 'stockDate').describe('the day the supplier promised the stock') });
export const Reevaluation = z.object({ state: z.enum(['idle', 'running']), total: z.number().int(), done: z.number().int(), changed: z.number().int(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(), ms: z.number().nullable(),
  followerLag: z.number().int().describe('events in the log not yet through the rules (0: every change so far was evaluated)') });
export type Reevaluation = z.infer<typeof Reevaluation>;

/** Who runs rules (leads write them; everyone who works orders may read them and why an order was held). */
export const RULE_READERS = ALL;

export const rulesRoutes = {
  listRules: { method: 'GET', path: '/api/rules', summary: 'The rules, in the order they run', roles: RULE_READERS, response: z.object({ items: z.array(Rule) }), tag: 'rules' },
  createRule: { method: 'POST', path: '/api/rules', summary: 'Add a rule at the end of the list (open orders are evaluated again)', roles: MANAGE, body: RuleInput, response: Rule, tag: 'rules' },
  updateRule: { method: 'PUT', path: '/api/rules/:id', summary: 'Change a rule (open orders are evaluated again)', roles: MANAGE, params: IdParam, body: RuleInput, response: Rule, tag: 'rules' },
  deleteRule: { method: 'DELETE', path: '/api/rules/:id', summary: 'Remove a rule', roles: MANAGE, params: IdParam, response: Ok, tag: 'rules' },
  moveRule: { method: 'POST', path: '/api/rules/:id/move', summary: 'Move a rule to another place in the list (1 = first)', roles: MANAGE, params: IdParam, body: z.object({ position: z.number().int().min(1) }), response: z.object({ items: z.array(Rule) }), tag: 'rules' },
  reevaluation: { method: 'GET', path: '/api/rules/reevaluation', summary: 'Progress of evaluating the open orders again after a rule change', roles: RULE_READERS, response: Reevaluation, tag: 'rules' },
  orderRules: { method: 'GET', path: '/api/orders/:id/rules', summary: 'Which rules fired on an order and why, its tags, note for the packer and rule holds', roles: ALL, params: IdParam, response: OrderRules, tag: 'rules' },
  presaleSkus: { method: 'GET', path: '/api/rules/presale', summary: 'Presale products and the day their supplier promised stock', roles: RULE_READERS, response: z.object({ items: z.array(PresaleSku) }), tag: 'rules' },
  putPresaleSkus: { method: 'PUT', path: '/api/rules/presale', summary: 'Replace the presale list', roles: MANAGE, body: z.object({ items: z.array(PresaleSku).max(5000) }), response: z.object({ items: z.array(PresaleSku) }), tag: 'rules' },
  ruleLimits: { method: 'GET', path: '/api/rules/limits', summary: 'Escalation limits: unassigned minutes, minutes per state, conflict window', roles: RULE_READERS, response: RuleLimits, tag: 'rules' },
  putRuleLimits: { method: 'PUT', path: '/api/rules/limits', summary: 'Change the escalation limits', roles: MANAGE, body: RuleLimits, response: RuleLimits, tag: 'rules' },
  leadQueue: {
    method: 'GET', path: '/api/rules/queue', summary: 'The lead\'s queue: orders nobody took, orders stuck in a state, frozen conflicts (the command centre reads this)', roles: MANAGE,
    query: z.object({ state: z.enum(['open', 'resolved']).default('open'), kind: z.enum(FLAG_KINDS).optional(), limit: z.coerce.number().int().min(1).max(500).default(200) }),
    response: z.object({ items: z.array(OrderFlag), counts: z.record(z.enum(FLAG_KINDS), z.number().int()) }), tag: 'rules',
  },
  sweepRules: { method: 'POST', path: '/api/rules/sweep', summary: 'Run the clock now: release holds whose time came, flag unassigned and stuck orders', roles: MANAGE, response: z.object({ released: z.number().int(), flagged: z.number().int(), cleared: z.number().int() }), tag: 'rules' },
  resolveFlag: {
    method: 'POST', path: '/api/rules/queue/:id/resolve', summary: 'Clear a flag; a conflict is decided by choosing which instruction stands (audited)', roles: MANAGE, params: IdParam,
    body: z.object({ choose: z.string().max(80).optional().describe('conflict: the id of the instruction that stands'), reason: freeText(500).min(1) }), response: OrderFlag, tag: 'rules',
  },
  sendInstruction: {
    method: 'POST', path: '/api/orders/:id/instructions', summary: 'A cancel, expedite or address instruction; one contradicting another within the window freezes the order for a lead', roles: MANAGE,
    params: IdParam, body: Instruction, response: z.object({ outcome: z.enum(['applied', 'frozen']), flagId: z.string().nullable() }), tag: 'rules',
  },
} as const satisfies Record<string, RouteDef>;
