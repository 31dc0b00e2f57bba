// POST /api/orders checks thousands of bodies a second, and zod's OrderInput took ~10% of the
// core's thread under ingest. This is the same check written out for the fields themselves: it
// answers only "valid, and this is what zod would return" (the same fields, trimmed, in the
// schema's key order, so the stored JSON and the Idempotency-Key's request hash do not change) or
// "not sure". Anything it is not sure of (a refusal, a field it does not check itself, an odd
// shape) goes to zod, so every refusal and its messages stay exactly zod's.
// tests/core/orders/order-input-fast.test.ts compares the two on valid and invalid bodies.
import { OrderInput } from '../../../contract/orders';
import { textProblem } from '../../../contract/common';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "Not sure": the caller asks zod. */
const UNSURE = Symbol('unsure');
type Out<T> = T | typeof UNSURE;

// The text rules of contract/common.ts: trimmed (1..max), line (0..max), freeText (0..max, tabs and line breaks).
function trimmed(v: unknown, max: number): Out<string> {
  if (typeof v !== 'string') return UNSURE;
  const s = v.trim();
  return s.length >= 1 && s.length <= max && textProblem(s) === null ? s : UNSURE;
}
function line(v: unknown, max: number, free = false): Out<string> {
  if (typeof v !== 'string') return UNSURE;
  const s = v.trim();
  return s.length <= max && textProblem(s, free) === null ? s : UNSURE;
}
function pattern(v: unknown, re: RegExp): Out<string> {
  if (typeof v !== 'string') return UNSURE;
  const s = v.trim();
  return re.test(s) ? s : UNSURE;
}
function int(v: unknown, min: number, max: number): Out<number> {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : UNSURE;
}
const MINOR_MAX = 1e12;

// The regular expressions of contract/orders.ts, as written there.
const CHANNEL = /^[a-z0-9_-]{1,32}$/;
const PHONE = /^[+\d][\d\s-]{4,24}$/;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * Sets `key` of `out` from `v` when the input has it (an absent optional field stays absent, as
 * zod leaves it); false when the value is not sure.
 */
function optional<T>(out: Obj, key: string, input: Obj, check: (v: unknown) => Out<T>): boolean {
  if (!(key in input)) return true;
  const v = input[key];
  if (v === undefined) return true;
  const r = check(v);
  if (r === UNSURE) return false;
  out[key] = r;
  return true;
}

function address(a: unknown): Out<Obj> {
  if (!isObj(a)) return UNSURE;
  const name = trimmed(a.name, 100);
  const phone = pattern(a.phone, PHONE);
  const country = pattern(a.country, COUNTRY);
  if (name === UNSURE || phone === UNSURE || country === UNSURE) return UNSURE;
  const out: Obj = { name, phone, country };
  if (!optional(out, 'province', a, (v) => line(v, 60))) return UNSURE;
  const city = trimmed(a.city, 60);
  if (city === UNSURE) return UNSURE;
  out.city = city;
  if (!optional(out, 'district', a, (v) => line(v, 60))) return UNSURE;
  const address1 = trimmed(a.address1, 200);
  if (address1 === UNSURE) return UNSURE;
  out.address1 = address1;
  if (!optional(out, 'address2', a, (v) => line(v, 200)) || !optional(out, 'postcode', a, (v) => line(v, 20))) return UNSURE;
  return out;
}

function orderLine(l: unknown): Out<Obj> {
  if (!isObj(l)) return UNSURE;
  const out: Obj = {};
  if (!optional(out, 'sku', l, (v) => trimmed(v, 64)) || !optional(out, 'channelSku', l, (v) => trimmed(v, 64))) return UNSURE;
  const qty = int(l.qty, 1, 10_000);
  if (qty === UNSURE) return UNSURE;
  out.qty = qty;
  if (!optional(out, 'unitPrice', l, (v) => int(v, 0, MINOR_MAX)) || !optional(out, 'name', l, (v) => line(v, 200))) return UNSURE;
  return out.sku || out.channelSku ? out : UNSURE;
}

/**
 * The body as OrderInput.safeParse(body).data would be when zod would accept it and this check is
 * sure of it; null otherwise (then ask zod). Fields it leaves to zod: shipBy (a date-time format).
 */
export function fastOrderInput(body: unknown): OrderInput | null {
  if (!isObj(body) || 'shipBy' in body) return null;
  const channel = pattern(body.channel, CHANNEL);
  const externalId = trimmed(body.externalId, 64);
  if (channel === UNSURE || externalId === UNSURE) return null;
  const shipTo = address(body.shipTo);
  if (shipTo === UNSURE) return null;
  const out: Obj = { channel, externalId, shipTo };
  if ('buyer' in body && body.buyer !== undefined) {
    const b = body.buyer;
    if (!isObj(b)) return null;
    const buyer: Obj = {};
    if (!optional(buyer, 'name', b, (v) => line(v, 100)) || !optional(buyer, 'phone', b, (v) => line(v, 30)) || !optional(buyer, 'email', b, (v) => line(v, 200))) return null;
    out.buyer = buyer;
  }
  const rawLines = body.lines;
  if (!Array.isArray(rawLines) || rawLines.length < 1 || rawLines.length > 500) return null;
  const lines: Obj[] = [];
  for (const l of rawLines) {
    const r = orderLine(l);
    if (r === UNSURE) return null;
    lines.push(r);
  }
  out.lines = lines;
  if (!optional(out, 'carrier', body, (v) => line(v, 32)) || !optional(out, 'service', body, (v) => line(v, 32))) return null;
  if (!optional(out, 'priority', body, (v) => int(v, 0, 9))) return null;
  if (!optional(out, 'total', body, (t) => {
    if (!isObj(t)) return UNSURE;
    const amount = int(t.amount, 0, MINOR_MAX);
    const currency = typeof t.currency === 'string' && CURRENCY.test(t.currency) ? t.currency : UNSURE;
    return amount === UNSURE || currency === UNSURE ? UNSURE : { amount, currency };
  })) return null;
  if (!optional(out, 'note', body, (v) => line(v, 1000, true)) || !optional(out, 'paymentRef', body, (v) => trimmed(v, 64))) return null;
  return out as OrderInput;
}

/** OrderInput.safeParse with the fast check first: the same result, zod's refusals. */
export function parseOrderInput(body: unknown): ReturnType<typeof OrderInput.safeParse> {
  const fast = fastOrderInput(body);
  return fast ? { success: true, data: fast } as ReturnType<typeof OrderInput.safeParse> : OrderInput.safeParse(body);
}
