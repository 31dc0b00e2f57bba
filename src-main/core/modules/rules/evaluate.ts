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
  buyerOrdersToday: number;
  buyerReturns: number;
  /** today, YYYY-MM-DD (UTC): a presale line whose stock day is before it is late */
  today: string;
}

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
/** The longest of the words the text contains (菜鸟驿站 rather than 驿站), so the reason names what is there. */
const includesAny = (text: string, words: readonly string[]) => words.filter((w) => text.includes(w)).sort((a, b) => b.length - a.length)[0];

/** Whether one condition holds, and the figure that made it hold (null: it does not). */
function check(c: Condition, f: OrderFacts, tags: readonly string[]): Why | null {
  const hit = (detail: string): Why => ({ kind: c.kind, detail });
  const num = (actual: number, shown: string, limitShown: string) => (compare(c.op, actual, c.number!) ? hit(`${shown} ${OP_WORD[c.op!]} ${limitShown}`) : null);
  const values = c.values ?? [];
  switch (c.kind) {
    case 'channel': return values.includes(f.channel) ? hit(f.channel) : null;
    case 'sku': {
      const on = (l: OrderFacts['lines'][number]) => values.includes(l.sku);
      const ok = c.lines === 'all' ? f.lines.length > 0 && f.lines.every(on) : f.lines.some(on);
      return ok ? hit(f.lines.filter(on).map((l) => l.sku).join(', ')) : null;
    }
    case 'tag': {
      const t = values.find((v) => tags.includes(v));
      return t ? hit(t) : null;
    }
    case 'amount': return num(f.totalMinor / 100, yuan(f.totalMinor), c.number!.toFixed(2));
    case 'quantity': {
      const q = f.lines.reduce((s, l) => s + l.qty, 0);
      return num(q, String(q), String(c.number));
    }
    case 'weight': {
      const g = f.lines.reduce((s, l) => s + l.qty * (l.weightG ?? 0), 0);
      return num(g, `${g} g`, `${c.number} g`);
    }
    case 'region': {
      const r = values.find((v) => f.province.startsWith(v) || f.city.startsWith(v) || (v.length > 1 && (f.province.includes(v) || f.city.includes(v))));
      return r ? hit(`${f.province}${f.city}`) : null;
    }
    case 'address':
      switch (c.check) {
        case 'missing_district': return f.district.trim() ? null : hit('no district');
        case 'pickup_point': {
          const w = includesAny(f.address, values.length ? values : PICKUP_POINT_WORDS);
          return w ? hit(w) : null;
        }
        default:
          // No province or city, or a street part too short to find a door by.
          return !f.city.trim() || (f.province === '' && f.district === '') || f.address.replace(/\s/g, '').length < 4 ? hit(f.address || 'empty') : null;
      }
    case 'buyer_orders_today': return num(f.buyerOrdersToday, String(f.buyerOrdersToday), String(c.number));
    case 'buyer_returns': return num(f.buyerReturns, String(f.buyerReturns), String(c.number));
    case 'below_cost': {
      // A line sold at more than N% under its cost (price per unit vs the product's cost).
      const l = f.lines.find((x) => x.priceMinor !== null && x.costMinor && compare(c.op, ((x.costMinor - x.priceMinor) / x.costMinor) * 100, c.number!));
      return l ? hit(`${l.sku}: ${yuan(l.priceMinor!)} vs cost ${yuan(l.costMinor!)} (${Math.round(((l.costMinor! - l.priceMinor!) / l.costMinor!) * 100)}% under)`) : null;
    }
    case 'presale': {
      const l = f.lines.find((x) => x.stockDate !== null);
      return l ? hit(`${l.sku}: stock ${l.stockDate}`) : null;
    }
    case 'presale_late': {
      const l = f.lines.find((x) => x.stockDate !== null && x.stockDate < f.today);
      return l ? hit(`${l.sku}: promised ${l.stockDate}`) : null;
    }
    case 'note': {
      const w = includesAny(f.note, values);
      return w ? hit(w) : null;
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

/**
 * Runs the enabled rules in their order. Every rule that matches fires; its actions apply in list
 * order, so a later rule's carrier or priority wins over an earlier one's, the first hold stands,
 * tags add up (a later rule may test a tag an earlier one set) and `stop` ends the list.
 */
export function evaluateRules(rules: readonly Rule[], f: OrderFacts): Decision {
  const d: Decision = { fired: [], hold: null, tags: [], packerNote: null };
  for (const r of rules) {
    if (!r.enabled) continue;
    const whys: Why[] = [];
    let matched = r.match === 'all';
    for (const c of r.conditions) {
      const why = check(c, f, d.tags);
      if (why) whys.push(why);
      if (r.match === 'all' && !why) {
        matched = false;
        break;
      }
      if (r.match === 'any' && why) {
        matched = true;
        break;
      }
    }
    if (!matched) continue;
    const a = r.actions;
    d.fired.push({ ruleId: r.id, name: r.name, why: whys, actions: actionWords(a) });
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
