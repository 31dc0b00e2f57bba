// Every order action against the state machine (contract/state-machine.ts TRANSITIONS), on a real
// in-memory SQLite core with a fixed clock and sequential ids.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { resolveOrderRef } from '../../../src-main/core/modules/labels/queries';
import { createOrder, createOrders } from '../../../src-main/core/modules/orders/actions/create-orders';
import { createOrderRequest, createOrderRequests, type OrderRequest } from '../../../src-main/core/modules/orders/actions/order-requests';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { getOrder, orderEvents, orderIdsByCode } from '../../../src-main/core/modules/orders/queries';
import { addOrderCode } from '../../../src-main/core/modules/orders/actions/order-codes';
import { releaseOrderReservations } from '../../../src-main/core/modules/inventory/actions/reserve';
import { stockOfSku } from '../../../src-main/core/modules/inventory/queries';
import { TRANSITIONS, INTERNAL_ACTIONS, allowedActions } from '../../../src-main/contract/state-machine';
import { ORDER_ACTIONS, ORDER_STATES, type OrderAction, type OrderState } from '../../../src-main/contract/orders';
import { AppError } from '../../../src-main/lib/errors';
import { openTestCore, addSku, orderInput, count, setSettings, LEAD, errorOf } from '../helpers';

let core: Core;
let skuA: string;

beforeEach(() => {
  core = openTestCore();
  skuA = addSku(core, 'SKU-A', { onHand: 100 });
});
afterEach(() => core.close());

const HOLDS_STOCK: OrderState[] = ['allocated', 'in_wave', 'picked', 'packing', 'packed', 'on_hold', 'exception'];

/** An order of 2 x SKU-A put into `state` (with a reservation where that state holds stock). */
function orderIn(state: OrderState): string {
  const { orderId } = createOrder(core.ctx, orderInput({ qty: 2 }), LEAD);
  expect(getOrder(core.ctx, orderId).state).toBe('allocated');
  if (!HOLDS_STOCK.includes(state)) releaseOrderReservations(core.ctx, orderId);
  const resume = state === 'on_hold' || state === 'exception' ? 'packing' : null;
  core.db.prepare('UPDATE orders SET state = ?, resume_state = ? WHERE id = ?').run(state, resume, orderId);
  return orderId;
}


function observe(orderId: string) {
  const o = getOrder(core.ctx, orderId);
  return { state: o.state, resume: o.resumeState, version: o.version, events: count(core, 'events'), stock: stockOfSku(core.ctx, skuA), reservations: count(core, 'reservations') };
}

const ALL_PAIRS = ORDER_ACTIONS.flatMap((a) => ORDER_STATES.map((s) => [a, s] as [OrderAction, OrderState]));
const allowed = ALL_PAIRS.filter(([a, s]) => TRANSITIONS[a].from.includes(s));
const refused = ALL_PAIRS.filter(([a, s]) => !TRANSITIONS[a].from.includes(s));

describe('order actions: allowed transitions', () => {
  it.each(allowed)('%s from %s changes state, bumps version and records who and why', (action, from) => {
    const id = orderIn(from);
    const before = observe(id);
    const reason = `because ${action}`;
    applyOrderAction(core.ctx, id, action, LEAD, { reason });
    const after = observe(id);
    const t = TRANSITIONS[action];
    const expected = t.to === 'resume' ? before.resume : t.to;
    expect(after.state).toBe(expected);
    expect(after.version).toBe(before.version + 1);
    expect(after.events).toBe(before.events + 1);
    const last = orderEvents(core.ctx, id).at(-1)!;
    expect(last.type).toBe(action === 'allocate' ? 'order.allocated' : `order.${action}`);
    expect(last.actor).toBe(LEAD.id);
    expect(last.reason).toBe(reason);
    expect(last.data).toMatchObject({ from, to: expected });
    // stock is never negative or over-reserved after any transition
    expect(after.stock.reserved).toBeLessThanOrEqual(after.stock.onHand);
  });
});

describe('order actions: refused transitions', () => {
  it.each(refused)('%s from %s is refused with invalid_transition and changes nothing', (action, from) => {
    const id = orderIn(from);
    const before = observe(id);
    const e = errorOf(() => applyOrderAction(core.ctx, id, action, LEAD, { reason: 'try it' }));
    expect(e.code).toBe('invalid_transition');
    expect(e.message).toContain(from);
    expect(observe(id)).toEqual(before);
  });

  it('allowedActions agrees with TRANSITIONS for every state', () => {
    for (const s of ORDER_STATES) {
      expect(allowedActions(s).sort()).toEqual(ORDER_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(s) && !(INTERNAL_ACTIONS as readonly string[]).includes(a)).sort());
    }
    // terminal states offer nothing but what the table says
    expect(allowedActions('cancelled')).toEqual([]);
    expect(allowedActions('returned')).toEqual([]);
  });
});

describe('order actions: rules', () => {
  it.each(['hold', 'cancel', 'raise_exception'] as const)('%s requires a reason and changes nothing without one', (action) => {
    const id = orderIn('in_wave');
    const before = observe(id);
    for (const reason of [undefined, '']) {
      const e = errorOf(() => applyOrderAction(core.ctx, id, action, LEAD, { reason }));
      expect(e.code).toBe('validation');
      expect(e.issues?.[0]?.path).toBe('reason');
    }
    expect(observe(id)).toEqual(before);
  });

  it.each(['ready', 'allocated', 'in_wave', 'picked', 'packing'] as const)('hold then release returns to %s and keeps the reservation', (state) => {
    const id = orderIn(state);
    const before = observe(id);
    applyOrderAction(core.ctx, id, 'hold', LEAD, { reason: 'address check' });
    expect(getOrder(core.ctx, id)).toMatchObject({ state: 'on_hold', resumeState: state });
    applyOrderAction(core.ctx, id, 'release', LEAD);
    const o = getOrder(core.ctx, id);
    expect(o).toMatchObject({ state, resumeState: null, version: before.version + 2 });
    expect(stockOfSku(core.ctx, skuA)).toEqual(before.stock);
  });

  it('raise_exception then resolve_exception returns to the prior state', () => {
    const id = orderIn('packed');
    applyOrderAction(core.ctx, id, 'raise_exception', LEAD, { reason: 'weight out of tolerance' });
    expect(getOrder(core.ctx, id)).toMatchObject({ state: 'exception', resumeState: 'packed' });
    applyOrderAction(core.ctx, id, 'resolve_exception', LEAD, { reason: 'reweighed' });
    expect(getOrder(core.ctx, id)).toMatchObject({ state: 'packed', resumeState: null });
  });

  it('an order that lost its reservation while held is released to ready, not to a state that needs stock', () => {
    const id = orderIn('packing');
    applyOrderAction(core.ctx, id, 'hold', LEAD, { reason: 'check' });
    releaseOrderReservations(core.ctx, id);
    applyOrderAction(core.ctx, id, 'release', LEAD);
    expect(getOrder(core.ctx, id).state).toBe('ready');
  });

  it.each(['allocated', 'in_wave', 'packing', 'packed', 'on_hold', 'exception'] as const)('cancel from %s gives back every reserved unit', (state) => {
    const id = orderIn(state);
    expect(stockOfSku(core.ctx, skuA)).toMatchObject({ onHand: 100, reserved: 2, available: 98 });
    applyOrderAction(core.ctx, id, 'cancel', LEAD, { reason: 'customer asked' });
    expect(stockOfSku(core.ctx, skuA)).toMatchObject({ onHand: 100, reserved: 0, available: 100 });
    expect(count(core, 'reservations')).toBe(0);
    const ev = orderEvents(core.ctx, id).at(-1)!;
    expect(ev.data).toMatchObject({ releasedUnits: 2, to: 'cancelled' });
    if (state === 'packed') expect(ev.data).toMatchObject({ intercept: true });
  });

  it('deallocate gives the stock back and the order waits in ready', () => {
    const id = orderIn('allocated');
    applyOrderAction(core.ctx, id, 'deallocate', LEAD);
    expect(getOrder(core.ctx, id).state).toBe('ready');
    expect(getOrder(core.ctx, id).lines[0]!.reserved).toBe(0);
    expect(stockOfSku(core.ctx, skuA)).toMatchObject({ onHand: 100, reserved: 0 });
  });

  it('ship consumes the reserved stock: on hand and reserved both drop', () => {
    const id = orderIn('packed');
    applyOrderAction(core.ctx, id, 'ship', LEAD);
    expect(stockOfSku(core.ctx, skuA)).toMatchObject({ onHand: 98, reserved: 0, available: 98 });
    expect(count(core, 'reservations')).toBe(0);
    // returning does not double-count: the stock stays shipped until a return is received
    applyOrderAction(core.ctx, id, 'return', LEAD, { reason: 'did not fit' });
    expect(stockOfSku(core.ctx, skuA)).toMatchObject({ onHand: 98, reserved: 0 });
  });

  it('an order holding in-transit stock cannot ship before it arrives: insufficient_stock, nothing changed', () => {
    setSettings(core, { inboundCoefficient: 0.5 });
    const inbound = addSku(core, 'SKU-IN', { onHand: 1, inTransit: 4 }); // available 1 + 2
    const { orderId: id } = createOrder(core.ctx, orderInput({ sku: 'SKU-IN', qty: 3 }), LEAD);
    expect(getOrder(core.ctx, id).state).toBe('allocated');
    applyOrderAction(core.ctx, id, 'start_packing', LEAD);
    applyOrderAction(core.ctx, id, 'mark_packed', LEAD);
    const before = { ...observe(id), inbound: stockOfSku(core.ctx, inbound) };
    const e = errorOf(() => applyOrderAction(core.ctx, id, 'ship', LEAD));
    expect(e.code).toBe('insufficient_stock');
    expect(e.message).toMatch(/SKU-IN .*needs 3 but 1 are on hand/);
    expect({ ...observe(id), inbound: stockOfSku(core.ctx, inbound) }).toEqual(before);
  });

  it('the whole happy path ends shipped with one event per step', () => {
    const { orderId: id } = createOrder(core.ctx, orderInput({ qty: 3 }), LEAD);
    const v0 = getOrder(core.ctx, id).version;
    for (const a of ['add_to_wave', 'mark_picked', 'start_packing', 'mark_packed', 'ship'] as const) applyOrderAction(core.ctx, id, a, LEAD);
    expect(getOrder(core.ctx, id)).toMatchObject({ state: 'shipped', version: v0 + 5 });
    expect(orderEvents(core.ctx, id).map((e) => e.type)).toEqual([
      'order.created', 'order.add_to_wave', 'order.mark_picked', 'order.start_packing', 'order.mark_packed', 'order.ship',
    ]);
    expect(stockOfSku(core.ctx, skuA)).toMatchObject({ onHand: 97, reserved: 0 });
  });

  it('an expectedVersion that is not the current one is a conflict and changes nothing', () => {
    const id = orderIn('allocated');
    const before = observe(id);
    const e = errorOf(() => applyOrderAction(core.ctx, id, 'hold', LEAD, { reason: 'x', expectedVersion: before.version - 1 }));
    expect(e.code).toBe('conflict');
    expect(observe(id)).toEqual(before);
    applyOrderAction(core.ctx, id, 'hold', LEAD, { reason: 'x', expectedVersion: before.version });
    expect(getOrder(core.ctx, id).state).toBe('on_hold');
  });

  it('allocating without enough stock is insufficient_stock and changes nothing', () => {
    setSettings(core, { autoAllocate: false });
    const { orderId: id } = createOrder(core.ctx, orderInput({ qty: 101 }), LEAD);
    expect(getOrder(core.ctx, id).state).toBe('ready');
    const before = observe(id);
    expect(errorOf(() => applyOrderAction(core.ctx, id, 'allocate', LEAD)).code).toBe('insufficient_stock');
    expect(observe(id)).toEqual(before);
  });

  it('an unknown order is not_found', () => {
    expect(errorOf(() => applyOrderAction(core.ctx, 'ord_nope', 'cancel', LEAD, { reason: 'x' })).code).toBe('not_found');
  });

  it('a case barcode on an order line counts its units', () => {
    addSku(core, 'SKU-C', { onHand: 60, barcodes: [{ code: '6900000000017', units: 1 }, { code: 'CASE-C-6', units: 6 }] });
    const { orderId } = createOrder(core.ctx, orderInput({ sku: 'CASE-C-6', qty: 2 }), LEAD);
    expect(getOrder(core.ctx, orderId).lines[0]).toMatchObject({ sku: 'SKU-C', qty: 12, reserved: 12 });
  });
});

describe('the order createOrder returns (built from what it wrote, not read back)', () => {
  const cases: [string, () => Parameters<typeof createOrder>[1]][] = [
    ['one line by SKU code, allocated', () => orderInput({ qty: 2 })],
    ['a case barcode, the same SKU twice, line names and prices', () => orderInput({ lines: [{ sku: 'CASE-C-6', qty: 2, name: 'Six-pack', unitPrice: 1250 }, { sku: 'SKU-A', qty: 1 }, { sku: 'SKU-A', qty: 3, name: '' }] })],
    ['a channel SKU mapped to ours', () => orderInput({ lines: [{ channelSku: 'TB-SKU-9', qty: 1 }, { channelSku: 'SKU-A', qty: 1 }] })],
    ['not enough stock: ready, nothing reserved', () => orderInput({ qty: 101 })],
    ['every optional field', () => orderInput({ buyer: { name: 'Li', email: 'li@example.com' }, carrier: 'sf', service: 'express', shipBy: '2026-11-21T10:00:00Z', priority: 5, total: { amount: 4990, currency: 'CNY' }, note: '请尽快' })],
    ['an external id equal to the order number it gets', () => ({ ...orderInput(), externalId: 'PL0000001' })],
  ];
  it.each(cases)('%s', (_name, make) => {
    addSku(core, 'SKU-C', { onHand: 60, location: 'B-02-01-1', barcodes: [{ code: 'CASE-C-6', units: 6 }] });
    core.db.prepare("INSERT INTO sku_mappings (channel, channel_sku, sku_id) VALUES ('shop', 'TB-SKU-9', ?)").run(skuA);
    const created = createOrder(core.ctx, make(), LEAD);
    expect(created.duplicate).toBe(false);
    expect(created.order).toStrictEqual(getOrder(core.ctx, created.orderId));
  });

  it('with auto-allocation off the order is ready and holds nothing', () => {
    setSettings(core, { autoAllocate: false });
    const created = createOrder(core.ctx, orderInput({ qty: 2 }), LEAD);
    expect(created.order).toMatchObject({ state: 'ready', lines: [{ reserved: 0 }] });
    expect(created.order).toStrictEqual(getOrder(core.ctx, created.orderId));
  });

  it('a duplicate returns the existing order id and no order view', () => {
    const input = orderInput();
    const first = createOrder(core.ctx, input, LEAD);
    expect(createOrder(core.ctx, input, LEAD)).toEqual({ orderId: first.orderId, duplicate: true, order: null });
  });
});

describe('createOrders (imports): planned together, the same outcome as one by one', () => {
  it('competing for the last units, with repeats and a refused order in between', () => {
    const one = openTestCore();
    try {
      for (const c of [core, one]) {
        if (c === one) addSku(c, 'SKU-A', { onHand: 100 });
        addSku(c, 'SKU-B', { onHand: 2, barcodes: [{ code: 'CASE-B-2', units: 2 }] });
        addSku(c, 'SKU-C', { onHand: 3 });
      }
      const x = orderInput({ sku: 'SKU-C', qty: 2 });
      const inputs = [
        orderInput({ sku: 'SKU-B', qty: 1 }),
        orderInput({ sku: 'NO-SUCH' }),
        x,
        { ...x, lines: [{ sku: 'SKU-A', qty: 1 }] }, // same external id: a repeat of x, whatever its lines
        orderInput({ sku: 'CASE-B-2', qty: 1 }), // 2 units, only 1 left: waits in ready
        orderInput({ lines: [{ sku: 'SKU-A', qty: 1 }, { sku: 'SKU-B', qty: 1 }] }), // takes the last SKU-B
        orderInput({ lines: [{ sku: 'SKU-C', qty: 1 }, { sku: 'SKU-B', qty: 1 }] }), // SKU-B gone: nothing reserved, not even SKU-C
        orderInput({ sku: 'SKU-C', qty: 1 }), // the last SKU-C
      ];
      const together = createOrders(core.ctx, inputs, LEAD);
      const alone = inputs.map((i) => {
        try {
          return createOrder(one.ctx, i, LEAD);
        } catch (e) {
          return e as AppError;
        }
      });
      const outcome = (r: (typeof together)[number]) => (r instanceof AppError ? r.code : r.duplicate ? 'duplicate' : r.order!.state);
      expect(together.map(outcome)).toEqual(['allocated', 'validation', 'allocated', 'duplicate', 'ready', 'allocated', 'ready', 'allocated']);
      expect(alone.map(outcome)).toEqual(together.map(outcome));
      const strip = (o: ReturnType<typeof getOrder>) => ({ ...o, createdAt: '', updatedAt: '' });
      together.forEach((r, i) => {
        if (r instanceof AppError) return;
        const other = alone[i] as Exclude<(typeof alone)[number], AppError>;
        expect(r.orderId).toBe(other.orderId);
        expect(strip(getOrder(core.ctx, r.orderId))).toEqual(strip(getOrder(one.ctx, other.orderId)));
        if (r.order) expect(r.order).toStrictEqual(getOrder(core.ctx, r.orderId));
      });
      const stock = (c: Core) => c.db.prepare('SELECT k.sku, i.on_hand, i.reserved FROM inventory i JOIN skus k ON k.id = i.sku_id ORDER BY k.sku').raw().all();
      expect(stock(core)).toEqual(stock(one));
      expect(stock(core)).toEqual([['SKU-A', 100, 1], ['SKU-B', 2, 2], ['SKU-C', 3, 3]]);
      const held = (c: Core) => c.db.prepare('SELECT COALESCE(SUM(qty), 0) FROM reservations').pluck().get();
      expect(held(core)).toBe(6);
      expect(held(one)).toBe(6);
      expect(count(core, 'events', "WHERE type = 'order.created'")).toBe(6);
    } finally {
      one.close();
    }
  });
});

describe('createOrderRequests (the intake thread\'s batch): the same answers as createOrderRequest one by one', () => {
  it('new, replayed, conflicting, refused and repeated keys, a repeated external id and two senders', () => {
    const one = openTestCore();
    try {
      const OPERATOR = { id: 'usr_op', role: 'operator' };
      for (const c of [core, one]) {
        if (c === one) addSku(c, 'SKU-A', { onHand: 100 });
        addSku(c, 'SKU-C', { onHand: 3 });
        createOrderRequest(c.ctx, orderInput({ externalId: 'EARLIER' }), LEAD, 'k0'); // a key stored before the batch
      }
      const a = orderInput({ externalId: 'A', sku: 'SKU-C', qty: 2 });
      const unknown = orderInput({ externalId: 'U', sku: 'NO-SUCH' });
      const reqs: OrderRequest[] = [
        { input: a, actor: LEAD, key: 'k1' },
        { input: orderInput({ externalId: 'EARLIER' }), actor: LEAD, key: 'k0' }, // replayed from before
        { input: orderInput({ externalId: 'OTHER' }), actor: LEAD, key: 'k0' }, // same key, another body: 409
        { input: unknown, actor: LEAD, key: 'k2' }, // refused, so nothing is kept for k2
        { input: a, actor: LEAD, key: 'k1' }, // a retry racing the first try: the first answer
        { input: orderInput({ externalId: 'A2' }), actor: LEAD, key: 'k1' }, // k1 with another body: 409
        { input: unknown, actor: LEAD, key: 'k2' }, // refused again
        { input: { ...a, lines: [{ sku: 'SKU-A', qty: 1 }] }, actor: LEAD, key: null }, // A's external id again: 200 with A
        { input: orderInput({ externalId: 'B', sku: 'SKU-C', qty: 2 }), actor: OPERATOR, key: 'k1' }, // another sender's k1; 1 unit left: ready
        { input: orderInput({ externalId: 'C', sku: 'SKU-C', qty: 1 }), actor: OPERATOR, key: null }, // the last unit
      ];
      const together = createOrderRequests(core.ctx, reqs);
      const alone = reqs.map((r) => {
        try {
          return createOrderRequest(one.ctx, r.input, r.actor, r.key);
        } catch (e) {
          return e as AppError;
        }
      });
      const answer = (r: (typeof together)[number]) => (r instanceof AppError ? r.code : `${r.status}${r.replayed ? ' replayed' : ''} ${JSON.parse(r.text).externalId} ${JSON.parse(r.text).state}`);
      expect(together.map(answer)).toEqual([
        '201 A allocated', '201 replayed EARLIER allocated', 'conflict', 'validation', '201 replayed A allocated', 'conflict', 'validation',
        '200 A allocated', '201 B ready', '201 C allocated',
      ]);
      expect(alone.map(answer)).toEqual(together.map(answer));
      // The same text but for the times (sequential ids; the test clock steps at each reading), and
      // what is stored answers the next retry.
      const timeless = (text: string) => text.replace(/"(created|updated)At":"[^"]+"/g, '');
      together.forEach((r, i) => {
        if (!(r instanceof AppError)) expect(timeless(r.text)).toBe(timeless((alone[i] as Exclude<(typeof alone)[number], AppError>).text));
      });
      expect(createOrderRequest(core.ctx, a, LEAD, 'k1')).toMatchObject({ status: 201, replayed: true, text: (together[0] as { text: string }).text });
      expect(createOrderRequest(core.ctx, orderInput({ externalId: 'B', sku: 'SKU-C', qty: 2 }), OPERATOR, 'k1')).toMatchObject({ replayed: true });
      expect(count(core, 'idempotency', "WHERE key = 'k2'")).toBe(0);
      const actors = (c: Core) => c.db.prepare("SELECT actor FROM events WHERE type = 'order.created' ORDER BY id").pluck().all();
      expect(actors(core)).toEqual([LEAD.id, LEAD.id, OPERATOR.id, OPERATOR.id]);
      expect(actors(core)).toEqual(actors(one));
    } finally {
      one.close();
    }
  });
});

describe('the numbers an order is found by', () => {
  it('its id, order number, channel number and waybills; the numbers are read from the order, also beside code rows of an older database', () => {
    const { orderId, order } = createOrder(core.ctx, orderInput({ externalId: 'TB-77' }), LEAD);
    addOrderCode(core.ctx, orderId, 'SF1400000000001', 'waybill');
    expect(count(core, 'order_codes', `WHERE order_id = '${orderId}'`)).toBe(1); // the waybill
    for (const code of [orderId, order!.number, 'TB-77', 'SF1400000000001']) expect(orderIdsByCode(core.ctx, code)).toEqual([orderId]);
    const codes = [{ code: 'TB-77', kind: 'external' }, { code: order!.number, kind: 'number' }, { code: 'SF1400000000001', kind: 'waybill' }];
    expect(getOrder(core.ctx, orderId).codes).toEqual(codes);
    // rows an older Packline wrote for the id and both numbers change nothing
    addOrderCode(core.ctx, orderId, order!.number, 'number');
    addOrderCode(core.ctx, orderId, orderId, 'id');
    addOrderCode(core.ctx, orderId, 'TB-77', 'external');
    expect(getOrder(core.ctx, orderId).codes).toEqual(codes);
    for (const code of [orderId, order!.number, 'TB-77']) expect(orderIdsByCode(core.ctx, code)).toEqual([orderId]);
  });

  it('a channel number is found in every channel that has it, and only there', () => {
    const jd = createOrder(core.ctx, orderInput({ channel: 'jd', externalId: 'X-1' }), LEAD).orderId;
    const shop = createOrder(core.ctx, orderInput({ channel: 'shopify', externalId: 'X-1' }), LEAD).orderId;
    createOrder(core.ctx, orderInput({ channel: 'taobao', externalId: 'X-2' }), LEAD);
    expect(orderIdsByCode(core.ctx, 'X-1').sort()).toEqual([jd, shop].sort());
    expect(() => resolveOrderRef(core.ctx, 'X-1')).toThrow(/several orders/);
    expect(orderIdsByCode(core.ctx, 'X-3')).toEqual([]);
  });
});
