// The rules themselves: a pure function from the rules (in their order) and an order's facts to what
// they decide. No database, no clock: the follower, the re-evaluation thread and the tests call it alike.
import { PICKUP_POINT_WORDS, type Condition, type FiredRule, type HoldType, type Rule } from '../../../contract/rules';

/** What a rule may look at: read once per evaluation (store.ts orderFacts). */
export interface OrderFacts {
  orderId: string;
  channel: string;
  totalMinor: number;
  province: string;
  city: string;
  district: string;
  address: string;
  note: string;
  lines: { sku: string; qty: number; priceMinor: number | null; costMinor: number | null; weightG: number | null; stockDate: string | null }[];
  /** The buyer's orders of the last 24 hours and returns: given, or read from `history` when a rule first asks (then kept here). */
  buyerOrdersToday?: number;
  buyerReturns?: number;
  phone?: string | null;
  history?: BuyerHistory;
  /** today, YYYY-MM-DD, the shop's day (its time zone): a presale line whose stock day is before it is late */
  today: string;
}

/**
 * A buyer's history, read only when a rule gets to a condition on it: most orders never do (a rule
 * of another channel, or an earlier condition that fails), and the count is an index read per phone.
 */
export interface BuyerHistory { ordersToday(phone: string): number; returns(phone: string): number }

export interface Decision {
  fired: FiredRule[];
  hold: { ruleId: string; name: string; type: HoldType; reason: string; releaseAfterMinutes: number | null; releaseWhenClear: boolean } | null;
  warehouse?: string;
  carrier?: string;
  service?: string;
  priority?: number;
  tags: string[];
  packerNote: string | null;
}

type Why = FiredRule['why'][number];

const compare = (op: Condition['op'], actual: number, limit: number) =>
  op === 'gt' ? actual > limit : op === 'gte' ? actual >= limit : op === 'lt' ? actual < limit : op === 'lte' ? actual <= limit : actual === limit;
const OP_WORD = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=' } as const;
const yuan = (minor: number) => (minor / 100).toFixed(2);

/** Whether one condition holds for an order (and the figure that made it hold), or null. */
type Check = (f: OrderFacts, tags: readonly string[]) => Why | null;

const ordersToday = (f: OrderFacts) => (f.buyerOrdersToday ??= f.phone && f.history ? f.history.ordersToday(f.phone) : 1);
const returnsOf = (f: OrderFacts) => (f.buyerReturns ??= f.phone && f.history ? f.history.returns(f.phone) : 0);
const quantityOf = (f: OrderFacts) => {
  let q = 0;
  for (const l of f.lines) q += l.qty;
  return q;
};
const weightOf = (f: OrderFacts) => {
  let g = 0;
  for (const l of f.lines) g += l.qty * (l.weightG ?? 0);
  return g;
};
const grams = (g: number) => `${g} g`;
/**
 * The word of `words` a text contains that a rule names (the longest; the first listed among equals),
 * or undefined: one precompiled regex says whether any is there (most texts have none), and only
 * then are the words tried longest first.
 */
function wordFinder(words: readonly string[]): (text: string) => string | undefined {
  const longestFirst = [...words].sort((a, b) => b.length - a.length);
  if (longestFirst.length === 0) return () => undefined;
  const any = new RegExp(longestFirst.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  return (text) => {
    if (!any.test(text)) return undefined;
    for (const w of longestFirst) if (text.includes(w)) return w;
    return undefined;
  };
}

/**
 * One condition turned into a function once per rule list (lists, words, limits and the text of the
 * limit prepared here), so evaluating an order builds no closures and parses nothing: the intake runs
 * it thousands of times a second, the re-evaluation 100,000 times in a pass.
 */
function compileCondition(c: Condition): Check {
  const kind = c.kind;
  const hit = (detail: string): Why => ({ kind, detail });
  const op = c.op;
  const limit = c.number!;
  const opWord = OP_WORD[op!];
  // The figure is written out only for a condition that holds (most do not).
  const num = (actual: number, shown: (n: number) => string, limitShown: string) => (compare(op, actual, limit) ? hit(`${shown(actual)} ${opWord} ${limitShown}`) : null);
  const values = c.values ?? [];
  const set = new Set(values);
  switch (kind) {
    case 'channel': return (f) => (set.has(f.channel) ? hit(f.channel) : null);
    case 'sku': {
      const all = c.lines === 'all';
      return (f) => {
        let any = false;
        let every = f.lines.length > 0;
        for (const l of f.lines) {
          if (set.has(l.sku)) any = true;
          else every = false;
        }
        return (all ? every : any) ? hit(f.lines.filter((l) => set.has(l.sku)).map((l) => l.sku).join(', ')) : null;
      };
    }
    case 'tag': return (_f, tags) => {
      const t = values.find((v) => tags.includes(v));
      return t ? hit(t) : null;
    };
    case 'amount': {
      const limitShown = limit.toFixed(2);
      return (f) => num(f.totalMinor / 100, (a) => a.toFixed(2), limitShown);
    }
    case 'quantity': {
      const limitShown = String(limit);
      return (f) => {
        return num(quantityOf(f), String, limitShown);
      };
    }
    case 'weight': {
      const limitShown = `${limit} g`;
      return (f) => {
        return num(weightOf(f), grams, limitShown);
      };
    }
    case 'region': return (f) => {
      const r = values.find((v) => f.province.startsWith(v) || f.city.startsWith(v) || (v.length > 1 && (f.province.includes(v) || f.city.includes(v))));
      return r ? hit(`${f.province}${f.city}`) : null;
    };
    case 'address':
      switch (c.check) {
        case 'missing_district': return (f) => (f.district.trim() ? null : hit('no district'));
        case 'pickup_point': {
          const find = wordFinder(values.length ? values : PICKUP_POINT_WORDS);
          return (f) => {
            const w = find(f.address);
            return w ? hit(w) : null;
          };
        }
        default:
          // No province or city, or a street part too short to find a door by.
          return (f) => (!f.city.trim() || (f.province === '' && f.district === '') || f.address.replace(/\s/g, '').length < 4 ? hit(f.address || 'empty') : null);
      }
    case 'buyer_orders_today': {
      const limitShown = String(limit);
      return (f) => {
        return num(ordersToday(f), String, limitShown);
      };
    }
    case 'buyer_returns': {
      const limitShown = String(limit);
      return (f) => {
        return num(returnsOf(f), String, limitShown);
      };
    }
    case 'below_cost': return (f) => {
      // A line sold at more than N% under its cost (price per unit vs the product's cost).
      const l = f.lines.find((x) => x.priceMinor !== null && x.costMinor && compare(op, ((x.costMinor - x.priceMinor) / x.costMinor) * 100, limit));
      return l ? hit(`${l.sku}: ${yuan(l.priceMinor!)} vs cost ${yuan(l.costMinor!)} (${Math.round(((l.costMinor! - l.priceMinor!) / l.costMinor!) * 100)}% under)`) : null;
    };
    case 'presale': return (f) => {
      const l = f.lines.find((x) => x.stockDate !== null);
      return l ? hit(`${l.sku}: stock ${l.stockDate}`) : null;
    };
    case 'presale_late': return (f) => {
      const l = f.lines.find((x) => x.stockDate !== null && x.stockDate < f.today);
      return l ? hit(`${l.sku}: promised ${l.stockDate}`) : null;
    };
    case 'note': {
      const find = wordFinder(values);
      return (f) => {
        const w = find(f.note);
        return w ? hit(w) : null;
      };
    }
  }
}

/** What a rule's actions are, in a few words (the order's page lists them beside the rule). */
export function actionWords(a: Rule['actions']): string[] {
  const out: string[] = [];
  if (a.hold) out.push(`hold:${a.hold.type}`);
  if (a.warehouse) out.push(`warehouse:${a.warehouse}`);
  if (a.carrier) out.push(`carrier:${a.carrier}`);
  if (a.service) out.push(`service:${a.service}`);
  if (a.priority !== undefined) out.push(`priority:${a.priority}`);
  for (const t of a.tags ?? []) out.push(`tag:${t}`);
  if (a.packerNote) out.push('note');
  if (a.stop) out.push('stop');
  return out;
}

interface CompiledRule {
  rule: Rule;
  /** The rule's conditions as slots of its list's `checks` (one slot per distinct condition of the list). */
  slots: number[];
  /** An "all" rule with a channel condition: orders of other channels are passed over without a look. */
  channels: ReadonlySet<string> | null;
  actions: string[];
}

/**
 * A rule list compiled: its rules, and each distinct condition once. A condition several rules share
 * (a channel, a region, the same amount) is checked once per order and its answer kept for the
 * others in `answers`, valid while `answeredIn[slot]` is the evaluation's number: a shop's rules
 * often repeat a channel or a region, the bench's fifty rules nine conditions. A tag condition is
 * checked each time (an earlier rule of the list may have set the tag).
 */
interface CompiledList {
  rules: CompiledRule[];
  checks: Check[];
  shared: boolean[];
  answers: (Why | null)[];
  answeredIn: Uint32Array;
}

/** The enabled rules, compiled once per list (activeRules keeps the same list until a rule changes). */
const compiled = new WeakMap<readonly Rule[], CompiledList>();
function compileRules(rules: readonly Rule[]): CompiledList {
  let out = compiled.get(rules);
  if (out) return out;
  const slotOf = new Map<string, number>();
  const checks: Check[] = [];
  const shared: boolean[] = [];
  const slot = (c: Condition) => {
    const key = JSON.stringify(c);
    let n = slotOf.get(key);
    if (n === undefined) {
      slotOf.set(key, (n = checks.length));
      checks.push(compileCondition(c));
      shared.push(c.kind !== 'tag');
    }
    return n;
  };
  const list = rules.filter((r) => r.enabled).map((rule) => {
    const channel = rule.match === 'all' ? rule.conditions.find((c) => c.kind === 'channel') : undefined;
    return { rule, slots: rule.conditions.map(slot), channels: channel ? new Set(channel.values ?? []) : null, actions: actionWords(rule.actions) };
  });
  out = { rules: list, checks, shared, answers: new Array<Why | null>(checks.length).fill(null), answeredIn: new Uint32Array(checks.length) };
  compiled.set(rules, out);
  return out;
}
/** The evaluation's number (never 0, the slots' initial mark). */
let evaluation = 0;

/**
 * Runs the enabled rules in their order. Every rule that matches fires; its actions apply in list
 * order, so a later rule's carrier or priority wins over an earlier one's, the first hold stands,
 * tags add up (a later rule may test a tag an earlier one set) and `stop` ends the list.
 */
export function evaluateRules(rules: readonly Rule[], f: OrderFacts): Decision {
  const d: Decision = { fired: [], hold: null, tags: [], packerNote: null };
  const list = compileRules(rules);
  const { checks, shared, answers, answeredIn } = list;
  evaluation = evaluation === 0xffffffff ? 1 : evaluation + 1;
  const now = evaluation;
  for (const { rule: r, slots, channels, actions } of list.rules) {
    if (channels && !channels.has(f.channel)) continue;
    // Most rules fail on their first condition: the list of reasons is made only when one holds.
    let whys: Why[] | null = null;
    const all = r.match === 'all';
    let matched = all;
    for (const n of slots) {
      let why: Why | null;
      if (!shared[n]) why = checks[n]!(f, d.tags);
      else if (answeredIn[n] === now) why = answers[n]!;
      else {
        why = answers[n] = checks[n]!(f, d.tags);
        answeredIn[n] = now;
      }
      if (why) (whys ??= []).push(why);
      if (all && !why) {
        matched = false;
        break;
      }
      if (!all && why) {
        matched = true;
        break;
      }
    }
    if (!matched) continue;
    const a = r.actions;
    whys ??= [];
    // `actions` is the compiled rule's own list: shared by every decision, never changed.
    d.fired.push({ ruleId: r.id, name: r.name, why: whys, actions });
    if (a.hold && !d.hold) {
      d.hold = { ruleId: r.id, name: r.name, type: a.hold.type, reason: `rule "${r.name}" (${a.hold.type}): ${whys.map((w) => w.detail).join('; ')}`, releaseAfterMinutes: a.hold.releaseAfterMinutes ?? null, releaseWhenClear: a.hold.releaseWhenClear ?? false };
    }
    if (a.warehouse) d.warehouse = a.warehouse;
    if (a.carrier) d.carrier = a.carrier;
    if (a.service) d.service = a.service;
    if (a.priority !== undefined) d.priority = a.priority;
    for (const t of a.tags ?? []) if (!d.tags.includes(t)) d.tags.push(t);
    if (a.packerNote) d.packerNote = d.packerNote ? `${d.packerNote} / ${a.packerNote}` : a.packerNote;
    if (a.stop) break;
  }
  return d;
}

export type PlanField = 'carrier' | 'service' | 'priority';
/** The plan's fields a rule may set, in the order they are named. */
export const PLAN_FIELDS: readonly PlanField[] = ['carrier', 'service', 'priority'];

/** Which of carrier, service and priority a fired rule's actions set: once per rule (its action list is shared by every decision). */
const setsOf = new WeakMap<readonly string[], readonly PlanField[]>();
function planFieldsOf(actions: readonly string[]): readonly PlanField[] {
  let sets = setsOf.get(actions);
  if (sets === undefined) {
    sets = PLAN_FIELDS.filter((k) => actions.some((a) => a.startsWith(`${k}:`)));
    setsOf.set(actions, sets);
  }
  return sets;
}

/**
 * The reason a plan change is audited with: the rules whose values stand for `fields` (for each,
 * the last fired rule that set it, since a later rule's value wins), each named once, in the order
 * they fired. Five rules setting the priority name the one whose priority the order got.
 */
export function planReason(fired: readonly FiredRule[], fields: readonly PlanField[]): string {
  const standing: number[] = [];
  for (const k of fields) {
    for (let i = fired.length - 1; i >= 0; i--) {
      if (!planFieldsOf(fired[i]!.actions).includes(k)) continue;
      if (!standing.includes(i)) standing.push(i);
      break;
    }
  }
  standing.sort((a, b) => a - b);
  let out = 'rule ';
  for (let n = 0; n < standing.length; n++) out += `${n ? ', ' : ''}"${fired[standing[n]!]!.name}"`;
  return out;
}
