// The hand-written check of POST /api/orders bodies against zod's OrderInput: on every body it is
// sure of, the same value zod returns (fields, trimming, key order: the stored JSON and the
// Idempotency-Key's request hash depend on it); every body zod refuses goes to zod (the refusal
// and its messages are zod's). Then over HTTP: a refused order names its field and stores nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { OrderInput } from '../../../src-main/contract/orders';
import { fastOrderInput, parseOrderInput } from '../../../src-main/core/modules/orders/order-input-fast';
import { startCore, addSku, type TestServer } from '../helpers';

type Body = Record<string, unknown>;
const base = (): Body => ({
  channel: 'shop',
  externalId: 'E-1',
  shipTo: { name: '张三', phone: '13800138000', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室', address2: '', postcode: '518000' },
  buyer: { name: 'Zhang', phone: '+86 138', email: 'z@example.com' },
  lines: [{ sku: 'SKU-A', qty: 2, unitPrice: 1990, name: 'Cup' }, { channelSku: 'CH-1', qty: 1 }],
  carrier: 'sf',
  service: 'standard',
  priority: 3,
  total: { amount: 4990, currency: 'CNY' },
  note: 'leave at the door\n\tthanks',
  paymentRef: 'T-123',
});

/** Values that zod accepts or refuses in every way a field can be wrong (or right with trimming). */
const VARIANTS: unknown[] = [
  undefined, null, 0, -1, 1.5, 1e13, 10_001, true, '', ' ', '  padded  ', 'x'.repeat(33), 'x'.repeat(65), 'x'.repeat(101), 'x'.repeat(201), 'x'.repeat(1001),
  'ok', 'UPPER', 'CN', 'CNY', 'cny', ' CNY', 'a\u0000b', 'a\nb', 'a\tb', 'a\u202Eb', '\u200B', 'a\u200Db', '\uD800', '13800138000', '+86 138-0013-8000', '12', '2026-12-01T10:00:00+08:00',
  [], {}, ['x'], { amount: 1, currency: 'CNY' },
];
const PATHS: string[][] = [
  ['channel'], ['externalId'], ['shipTo'], ['shipTo', 'name'], ['shipTo', 'phone'], ['shipTo', 'country'], ['shipTo', 'province'], ['shipTo', 'city'], ['shipTo', 'district'],
  ['shipTo', 'address1'], ['shipTo', 'address2'], ['shipTo', 'postcode'], ['shipTo', 'extra'], ['buyer'], ['buyer', 'name'], ['buyer', 'phone'], ['buyer', 'email'],
  ['lines'], ['lines', '0'], ['lines', '0', 'sku'], ['lines', '0', 'channelSku'], ['lines', '0', 'qty'], ['lines', '0', 'unitPrice'], ['lines', '0', 'name'], ['lines', '1', 'channelSku'],
  ['carrier'], ['service'], ['shipBy'], ['priority'], ['total'], ['total', 'amount'], ['total', 'currency'], ['note'], ['paymentRef'], ['unknownField'],
];

function withValue(path: string[], value: unknown): Body {
  const b = base();
  let at: Record<string, unknown> = b;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return b;
}

/** The fast check never disagrees with zod: when it answers, zod accepts and returns the very same JSON. */
function agrees(body: unknown) {
  const zod = OrderInput.safeParse(body);
  const fast = fastOrderInput(body);
  if (fast !== null) {
    expect(zod.success, JSON.stringify(body)).toBe(true);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
  }
  const p = parseOrderInput(body);
  expect(p.success).toBe(zod.success);
  if (zod.success) expect(JSON.stringify(p.data)).toBe(JSON.stringify(zod.data));
  else expect(p.error!.issues).toEqual(zod.error.issues);
  return fast !== null;
}

describe('the fast check of an order body', () => {
  it('answers for the usual bodies with exactly what zod returns (trimmed, unknown fields dropped, in the schema order)', () => {
    expect(agrees(base())).toBe(true);
    const minimal = { channel: 'bench', externalId: 'b-1', shipTo: { name: '张三', phone: '13800138000', country: 'CN', city: '深圳市', address1: '科技园路1号' }, lines: [{ sku: 'B-1', qty: 1 }] };
    expect(agrees(minimal)).toBe(true);
    // keys in another order, padded text, fields the schema does not know
    const shuffled = { lines: [{ qty: 2, sku: ' B-2 ', color: 'red' }], total: { currency: 'CNY', amount: 0 }, shipTo: { postcode: ' 518000 ', address1: ' Road 1 ', city: ' City ', country: ' CN ', phone: ' 138 0013 8000 ', name: ' Li ' }, externalId: ' x ', channel: ' bench ', extra: { a: 1 } };
    expect(agrees(shuffled)).toBe(true);
    expect(JSON.stringify(fastOrderInput(shuffled))).toBe('{"channel":"bench","externalId":"x","shipTo":{"name":"Li","phone":"138 0013 8000","country":"CN","city":"City","address1":"Road 1","postcode":"518000"},"lines":[{"sku":"B-2","qty":2}],"total":{"amount":0,"currency":"CNY"}}');
  });

  it('agrees with zod on every field set to every kind of value (accepted, trimmed or refused)', () => {
    let answered = 0;
    let total = 0;
    for (const path of PATHS) {
      for (const v of VARIANTS) {
        total++;
        if (agrees(withValue(path, v))) answered++;
      }
    }
    for (const body of [null, [], 'order', 1, {}, { ...base(), lines: Array.from({ length: 501 }, () => ({ sku: 'A', qty: 1 })) }, { ...base(), lines: [{ qty: 1 }] }, { ...base(), lines: [{ sku: '', channelSku: 'C', qty: 1 }] }]) {
      total++;
      if (agrees(body)) answered++;
    }
    // it answers most of them itself (the rest went to zod, and agreed)
    expect(answered).toBeGreaterThan(total / 4);
  });
});

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
});
afterAll(() => s.close());

describe('POST /api/orders with the fast check', () => {
  const order = (over: Body = {}) => ({ channel: 'shop', externalId: `F-${Math.random()}`, shipTo: { name: ' 王五 ', phone: '13700137000', country: 'CN', city: '杭州市', address1: '文三路1号' }, lines: [{ sku: 'SKU-A', qty: 1 }], ...over });
  const count = () => (s.core.db.prepare('SELECT COUNT(*) n FROM orders').get() as { n: number }).n;

  it('stores the order as zod reads it (trimmed) and replays its Idempotency-Key', async () => {
    const body = order();
    const r = await s.as('admin', 'POST', '/api/orders', body, { 'Idempotency-Key': 'fast-1' });
    expect(r.status).toBe(201);
    expect(r.body.shipTo.name).toBe('王五');
    const again = await s.as('admin', 'POST', '/api/orders', body, { 'Idempotency-Key': 'fast-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(r.body.id);
  });

  it('refuses a bad field with zod\'s message, naming it, and stores nothing', async () => {
    const before = count();
    const r = await s.as('admin', 'POST', '/api/orders', order({ shipTo: { name: '王五', phone: 'call me', country: 'CN', city: '杭州市', address1: '文三路1号' } }));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('validation');
    expect(r.body.error.issues).toEqual([{ path: 'shipTo.phone', message: 'a phone number of digits, spaces, dashes, optional leading +', key: 'phone' }]);
    const q = await s.as('admin', 'POST', '/api/orders', order({ lines: [{ sku: 'SKU-A', qty: 0 }] }));
    expect(q.status).toBe(422);
    expect(q.body.error.issues[0].path).toBe('lines.0.qty');
    expect(count()).toBe(before);
  });
});
