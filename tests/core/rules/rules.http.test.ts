// The seed documents' rules and escalations over the real HTTP server, with an injected clock:
// holds on arrival (buyer > 3 orders a day, pickup point > 500 yuan, > 15% under cost, presale with
// a late supplier), a note keyword, auto-release by time, a rule change evaluating open orders
// again, unassigned 30 min -> the lead's queue, 15 min stuck -> flagged, cancel + expedite within
// 15 s -> frozen and decided by a lead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSku, orderInput, startCore, SYSTEM, type TestServer } from '../helpers';
import { createSku } from '../../../src-main/core/modules/catalog/actions/skus';
import { adjustStock } from '../../../src-main/core/modules/inventory/actions/adjust-stock';
import { ensureLocation } from '../../../src-main/core/modules/locations/actions/create-location';
import type { Clock } from '../../../src-main/lib/clock';
import type { RuleInput } from '../../../src-main/contract/rules';
import { SWEEP_PAGE } from '../../../src-main/core/modules/rules/actions/sweep';

/** A clock the test moves by hand. */
export function handClock(startIso: string): Clock & { advance(ms: number): void } {
  let t = Date.parse(startIso);
  return { now: () => t, iso: () => new Date(t).toISOString(), advance: (ms) => void (t += ms) };
}

let s: TestServer;
let clock: ReturnType<typeof handClock>;

beforeEach(async () => {
  clock = handClock('2026-12-03T02:00:00Z');
  s = await startCore({
    core: { clock },
    setup: (core) => {
      addSku(core, 'SKU-A', { onHand: 500 });
      core.writes.runNow(() => {
        const cheap = createSku(core.ctx, { sku: 'SKU-COST', name: 'Costly', barcodes: [], unitWeightG: 200, cost: 10_000 }, SYSTEM);
        adjustStock(core.ctx, { skuId: cheap.id, locationId: ensureLocation(core.ctx, 'A-01-01-1'), onHandDelta: 100, inTransitDelta: 0, reason: 'opening' }, SYSTEM);
        createSku(core.ctx, { sku: 'SKU-PRE', name: 'Presale', barcodes: [], unitWeightG: 100 }, SYSTEM);
      });
    },
  });
});
afterEach(async () => s.close());

const addRule = async (r: RuleInput) => {
  const res = await s.as('lead', 'POST', '/api/rules', r);
  expect(res.status, res.text).toBe(200);
  await s.core.rules.reevaluate();
  return res.body;
};
const post = async (over: Parameters<typeof orderInput>[0]) => {
  const r = await s.as('admin', 'POST', '/api/orders', orderInput(over));
  expect(r.status, r.text).toBeLessThan(300);
  await s.core.rules.flush();
  return (await s.as('lead', 'GET', `/api/orders/${r.body.id}`)).body;
};
const rulesOf = async (id: string) => (await s.as('lead', 'GET', `/api/orders/${id}/rules`)).body;

describe('holds of the seed documents, on arrival', () => {
  it('holds a pickup-point address carrying more than 500 yuan, and the bench is told why when it scans the order', async () => {
    await addRule({ name: 'Pickup point over 500', conditions: [{ kind: 'address', check: 'pickup_point' }, { kind: 'amount', op: 'gt', number: 500 }], actions: { hold: { type: 'fraud' } } });
    const shipTo = { ...orderInput().shipTo, address1: '幸福路88号菜鸟驿站' };
    const held = await post({ shipTo, total: { amount: 68_800, currency: 'CNY' } });
    const cheap = await post({ shipTo, total: { amount: 12_000, currency: 'CNY' } });
    expect(held.state).toBe('on_hold');
    expect(cheap.state).not.toBe('on_hold');
    const why = await rulesOf(held.id);
    expect(why.fired[0]).toMatchObject({ name: 'Pickup point over 500', why: [{ kind: 'address', detail: '菜鸟驿站' }, { kind: 'amount', detail: '688.00 > 500.00' }] });
    expect(why.holds[0]).toMatchObject({ type: 'fraud', state: 'held' });
    const scan = await s.as('operator', 'POST', `/api/orders/${held.id}/pack/start`, { bench: 'B1' });
    expect(scan.status).toBe(409);
    expect(scan.body.error.message).toContain('on hold (rule "Pickup point over 500" (fraud): 菜鸟驿站; 688.00 > 500.00)');
  });

  it('holds the 4th order of one buyer within a day', async () => {
    await addRule({ name: 'More than 3 a day', conditions: [{ kind: 'buyer_orders_today', op: 'gt', number: 3 }], actions: { hold: { type: 'fraud' } } });
    const states = [];
    for (let i = 0; i < 4; i++) {
      states.push((await post({})).state);
      clock.advance(60_000);
    }
    expect(states.slice(0, 3)).not.toContain('on_hold');
    expect(states[3]).toBe('on_hold');
  });

  it('holds a line priced more than 15% under cost, and a presale product whose supplier is late', async () => {
    await addRule({ name: 'Under cost', conditions: [{ kind: 'below_cost', op: 'gt', number: 15 }], actions: { hold: { type: 'payment' } } });
    await addRule({ name: 'Presale late', conditions: [{ kind: 'presale_late' }], actions: { hold: { type: 'presale', releaseWhenClear: true } } });
    const under = await post({ lines: [{ sku: 'SKU-COST', qty: 1, unitPrice: 8_000 }] });
    const fair = await post({ lines: [{ sku: 'SKU-COST', qty: 1, unitPrice: 9_000 }] });
    expect(under.state).toBe('on_hold');
    expect((await rulesOf(under.id)).fired[0].why[0].detail).toBe('SKU-COST: 80.00 vs cost 100.00 (20% under)');
    expect(fair.state).not.toBe('on_hold');

    expect((await s.as('lead', 'PUT', '/api/rules/presale', { items: [{ sku: 'SKU-PRE', stockDate: '2026-12-01' }] })).status).toBe(200);
    const pre = await post({ lines: [{ sku: 'SKU-PRE', qty: 1 }] });
    expect(pre.state).toBe('on_hold');
    // The supplier gives a new day: the rule no longer matches and its hold lifts by itself.
    await s.as('lead', 'PUT', '/api/rules/presale', { items: [{ sku: 'SKU-PRE', stockDate: '2026-12-20' }] });
    await s.core.rules.reevaluate();
    expect((await s.as('lead', 'GET', `/api/orders/${pre.id}`)).body.state).not.toBe('on_hold');
  });

  it("a presale line is late after the shop's day, not UTC's: 23:30 UTC is already tomorrow in Shanghai, still today in Los Angeles", async () => {
    await addRule({ name: 'Presale late', conditions: [{ kind: 'presale_late' }], actions: { hold: { type: 'presale', releaseWhenClear: true } } });
    expect((await s.as('lead', 'PUT', '/api/rules/presale', { items: [{ sku: 'SKU-PRE', stockDate: '2026-12-03' }] })).status).toBe(200);
    clock.advance(21.5 * 3_600_000); // 2026-12-03T23:30Z: 12-04 07:30 in Shanghai (the default zone)
    const pre = await post({ lines: [{ sku: 'SKU-PRE', qty: 1 }] });
    expect(pre.state).toBe('on_hold');
    expect((await rulesOf(pre.id)).fired[0].why[0].detail).toBe('SKU-PRE: promised 2026-12-03');
    // The same moment is 12-03 15:30 in Los Angeles: the stock day is today there, not late; the
    // evaluation of the open orders (the re-evaluation thread) lifts the hold.
    expect((await s.as('admin', 'PUT', '/api/settings', { timeZone: 'America/Los_Angeles' })).status).toBe(200);
    await s.core.rules.reevaluate();
    expect((await s.as('lead', 'GET', `/api/orders/${pre.id}`)).body.state).not.toBe('on_hold');
    expect((await post({ lines: [{ sku: 'SKU-PRE', qty: 1 }] })).state).not.toBe('on_hold');
  });

  it('a buyer note keyword tags the order and leaves a note for the packer; a later rule sees the tag', async () => {
    await addRule({ name: 'Gift', conditions: [{ kind: 'note', values: ['礼物', 'gift'] }], actions: { tags: ['gift'], packerNote: '放贺卡，不放发票' } });
    await addRule({ name: 'Gifts by SF', conditions: [{ kind: 'tag', values: ['gift'] }], actions: { carrier: 'sf' } });
    const o = await post({ note: '这是送朋友的礼物' });
    const r = await rulesOf(o.id);
    expect(r.tags).toEqual(['gift']);
    expect(r.packerNote).toBe('放贺卡，不放发票');
    expect(r.fired.map((f: { name: string }) => f.name)).toEqual(['Gift', 'Gifts by SF']);
    expect(o.carrier).toBe('sf');
  });
});

describe('a carrier, service or priority a rule set, once no rule sets it', () => {
  const eventsOf = async (id: string) => (await s.as('lead', 'GET', `/api/orders/${id}/events`)).body.items as { type: string; reason: string | null; actor: string }[];

  it('goes back to what the order had when the rule is removed; a priority a lead changed since stays theirs', async () => {
    const rule = await addRule({ name: 'Gifts by SF', conditions: [{ kind: 'note', values: ['gift'] }], actions: { carrier: 'sf', priority: 5 } });
    const a = await post({ note: 'a gift', carrier: 'zto' });
    const b = await post({ note: 'a gift too', carrier: 'zto' });
    const plain = await post({ note: 'for me', carrier: 'yto', priority: 2 });
    expect([a.carrier, a.priority, b.carrier]).toEqual(['sf', 5, 'sf']);
    // the buyer of b paid for express: a lead's expedite sets its priority
    expect((await s.as('lead', 'POST', `/api/orders/${b.id}/instructions`, { kind: 'expedite', reason: 'buyer paid for express' })).body.outcome).toBe('applied');
    await s.core.rules.flush();
    expect((await s.as('lead', 'GET', `/api/orders/${b.id}`)).body.priority).toBe(9);

    expect((await s.as('lead', 'DELETE', `/api/rules/${rule.id}`)).status).toBe(200);
    await s.core.rules.reevaluate();
    const a2 = (await s.as('lead', 'GET', `/api/orders/${a.id}`)).body;
    expect([a2.carrier, a2.priority]).toEqual(['zto', 0]);
    const back = (await eventsOf(a.id)).filter((e) => e.type === 'order.updated').at(-1)!;
    expect(back.reason).toBe('no rule sets its carrier, priority any more: back to what it was before the rules');
    const b2 = (await s.as('lead', 'GET', `/api/orders/${b.id}`)).body;
    expect([b2.carrier, b2.priority]).toEqual(['zto', 9]); // the lead's priority stands, the rule's carrier goes
    const p2 = (await s.as('lead', 'GET', `/api/orders/${plain.id}`)).body;
    expect([p2.carrier, p2.priority, p2.version]).toEqual(['yto', 2, plain.version]); // never the rule's: untouched

    // once back, the rules leave it: the next change of the order changes nothing of its plan
    await s.as('lead', 'POST', `/api/orders/${a.id}/actions/hold`, { reason: 'checking stock' });
    await s.core.rules.flush();
    const a3 = (await s.as('lead', 'GET', `/api/orders/${a.id}`)).body;
    expect([a3.carrier, a3.priority]).toEqual(['zto', 0]);
    expect((await eventsOf(a.id)).filter((e) => e.type === 'order.updated')).toHaveLength(1);
  });

  it('goes back when the order changes so that the rule no longer matches, and comes again when it matches again', async () => {
    await addRule({ name: 'Guangdong by SF', conditions: [{ kind: 'region', values: ['广东省'] }], actions: { carrier: 'sf' } });
    const o = await post({ carrier: 'zto' }); // to 深圳, 广东省
    expect(o.carrier).toBe('sf');
    const hubei = { ...orderInput().shipTo, province: '湖北省', city: '武汉市', district: '洪山区', address1: '珞喻路100号' };
    expect((await s.as('lead', 'POST', `/api/orders/${o.id}/instructions`, { kind: 'address', shipTo: hubei, reason: 'buyer moved' })).body.outcome).toBe('applied');
    await s.core.rules.flush();
    expect((await s.as('lead', 'GET', `/api/orders/${o.id}`)).body.carrier).toBe('zto');
    clock.advance(60_000); // past the window in which a second address would freeze the order
    expect((await s.as('lead', 'POST', `/api/orders/${o.id}/instructions`, { kind: 'address', shipTo: orderInput().shipTo, reason: 'buyer moved back' })).body.outcome).toBe('applied');
    await s.core.rules.flush();
    expect((await s.as('lead', 'GET', `/api/orders/${o.id}`)).body.carrier).toBe('sf');
  });
});

describe('a rule that sends orders to a warehouse', () => {
  it('routes a matching order there through the routing (reservations follow, audited), and leaves others where routing put them', async () => {
    expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓', province: '四川', city: '成都', benches: [] })).status).toBe(201);
    expect((await s.as('lead', 'POST', '/api/locations', { code: 'CD-01-01-1', warehouse: 'CD' })).status).toBe(201);
    await addRule({ name: 'VIP from Chengdu', conditions: [{ kind: 'note', values: ['VIP'] }], actions: { warehouse: 'CD' } });
    const vip = await post({ note: 'VIP customer' });
    const plain = await post({ note: 'nothing special' });
    const routing = async (id: string) => (await s.as('viewer', 'GET', `/api/orders/${id}/routing`)).body;
    expect((await routing(vip.id)).warehouse).toBe('CD');
    expect((await routing(vip.id)).transfers.length).toBeGreaterThan(0); // CD holds none of it: a transfer is suggested, nothing refused
    expect((await routing(plain.id)).warehouse).toBe('MAIN');
    expect((await rulesOf(vip.id)).fired[0].actions).toContain('warehouse:CD');
    const history = (await s.as('lead', 'GET', `/api/orders/${vip.id}/events`)).body.items as { type: string; reason: string | null }[];
    expect(history.filter((e) => e.type === 'order.warehouse_assigned')).toEqual([expect.objectContaining({ reason: 'rule "VIP from Chengdu"' })]);
  });

  it('a rule naming a warehouse that was switched off since leaves the order where routing put it', async () => {
    const cd = (await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓', province: '四川', city: '成都', benches: [] })).body;
    await addRule({ name: 'VIP from Chengdu', conditions: [{ kind: 'note', values: ['VIP'] }], actions: { warehouse: 'CD' } });
    expect((await s.as('admin', 'PATCH', `/api/warehouses/${cd.id}`, { active: false })).status).toBe(200);
    const vip = await post({ note: 'VIP customer' });
    expect((await s.as('viewer', 'GET', `/api/orders/${vip.id}/routing`)).body.warehouse).toBe('MAIN');
    expect((await rulesOf(vip.id)).fired).toHaveLength(1);
  });
});

describe('rules over time and on change', () => {
  it('a timed hold releases itself when its time comes (injected clock)', async () => {
    await addRule({ name: 'Cool-off', conditions: [{ kind: 'channel', values: ['shop'] }], actions: { hold: { type: 'manual', releaseAfterMinutes: 60 } } });
    const o = await post({});
    expect(o.state).toBe('on_hold');
    clock.advance(59 * 60_000);
    expect((await s.as('lead', 'POST', '/api/rules/sweep')).body.released).toBe(0);
    clock.advance(2 * 60_000);
    expect((await s.as('lead', 'POST', '/api/rules/sweep')).body.released).toBe(1);
    expect((await s.as('lead', 'GET', `/api/orders/${o.id}`)).body.state).not.toBe('on_hold');
  });

  it('a new rule holds matching open orders; a lead releasing it is not overruled by the next change', async () => {
    const o = await post({ shipTo: { ...orderInput().shipTo, district: '' } });
    expect(o.state).not.toBe('on_hold');
    await addRule({ name: 'No district', conditions: [{ kind: 'address', check: 'missing_district' }], actions: { hold: { type: 'address' } } });
    expect((await s.as('lead', 'GET', `/api/orders/${o.id}`)).body.state).toBe('on_hold');
    expect((await s.as('lead', 'POST', `/api/orders/${o.id}/actions/release`, { reason: 'called the buyer' })).status).toBe(200);
    await s.core.rules.flush();
    const after = (await s.as('lead', 'GET', `/api/orders/${o.id}`)).body;
    expect(after.state).not.toBe('on_hold');
    expect((await rulesOf(o.id)).holds[0].state).toBe('released_by_person');
  });

  it('refuses a rule without actions or with an unknown SKU, naming the field, and changes nothing', async () => {
    const a = await s.as('lead', 'POST', '/api/rules', { name: 'x', conditions: [{ kind: 'channel', values: ['shop'] }], actions: {} });
    expect(a.status).toBe(422);
    const b = await s.as('lead', 'POST', '/api/rules', { name: 'x', conditions: [{ kind: 'sku', values: ['NOPE'], lines: 'any' }], actions: { priority: 5 } });
    expect(b.status).toBe(422);
    expect(b.body.error.issues[0].path).toBe('conditions.0.values');
    // "more than N a day" is counted up to 200 a day: a larger N could never be decided cheaply
    const c = await s.as('lead', 'POST', '/api/rules', { name: 'x', conditions: [{ kind: 'buyer_orders_today', op: 'gt', number: 201 }], actions: { hold: { type: 'fraud' } } });
    expect(c.status).toBe(422);
    expect(c.body.error.issues[0]).toMatchObject({ path: 'conditions.0.number', message: expect.stringContaining('up to 200') });
    // a carrier or warehouse the shop does not have: it would be written onto live orders
    const d = await s.as('lead', 'POST', '/api/rules', { name: 'x', conditions: [{ kind: 'channel', values: ['shop'] }], actions: { carrier: 'nonsense-carrier' } });
    expect(d.status).toBe(422);
    expect(d.body.error.issues[0]).toMatchObject({ path: 'actions.carrier', message: 'unknown carrier' });
    expect(d.body.error.message).toContain('"nonsense-carrier" is not set up');
    const e = await s.as('lead', 'POST', '/api/rules', { name: 'x', conditions: [{ kind: 'channel', values: ['shop'] }], actions: { warehouse: 'NOPE' } });
    expect(e.status).toBe(422);
    expect(e.body.error.issues[0]).toMatchObject({ path: 'actions.warehouse', message: 'unknown warehouse' });
    expect((await s.as('operator', 'POST', '/api/rules', { name: 'x', conditions: [{ kind: 'channel', values: ['shop'] }], actions: { priority: 1 } })).status).toBe(403);
    expect((await s.as('lead', 'GET', '/api/rules')).body.items).toHaveLength(0);
  });
});

describe('escalation and conflicts', () => {
  it('an order nobody took for 30 minutes goes to the lead\'s queue; it clears when the order moves on', async () => {
    const o = await post({});
    clock.advance(29 * 60_000);
    await s.as('lead', 'POST', '/api/rules/sweep');
    expect((await s.as('lead', 'GET', '/api/rules/queue')).body.counts.unassigned).toBe(0);
    clock.advance(2 * 60_000);
    await s.as('lead', 'POST', '/api/rules/sweep');
    const q = (await s.as('lead', 'GET', '/api/rules/queue')).body;
    expect(q.items).toMatchObject([{ kind: 'unassigned', orderNumber: o.number, minutes: 31 }]);
    // Swept again, the same wait is not flagged twice.
    await s.as('lead', 'POST', '/api/rules/sweep');
    expect((await s.as('lead', 'GET', '/api/rules/queue')).body.items).toHaveLength(1);
    await s.as('lead', 'POST', `/api/orders/${o.id}/actions/hold`, { reason: 'checking' });
    await s.as('lead', 'POST', '/api/rules/sweep');
    expect((await s.as('lead', 'GET', '/api/rules/queue')).body.counts.unassigned).toBe(0);
  });

  it('a sweep of more orders than one step reads goes in several write jobs and misses none: each quiet order flagged once, each moved-on flag cleared', async () => {
    const n = 2 * SWEEP_PAGE + 50;
    const bulk = await s.as('admin', 'POST', '/api/orders/bulk', { orders: Array.from({ length: n }, (_, i) => orderInput({ externalId: `SWEEP-${i}` })) });
    expect(bulk.status, bulk.text).toBe(200);
    const queued = async () => (await s.as('lead', 'GET', '/api/rules/queue')).body.counts.unassigned as number;
    const before = await queued();
    clock.advance(31 * 60_000);
    const writes = s.core.writes;
    const run = writes.run.bind(writes);
    let jobs = 0;
    writes.run = ((fn: () => unknown) => (jobs++, run(fn))) as typeof writes.run;
    try {
      const swept = (await s.as('lead', 'POST', '/api/rules/sweep')).body;
      expect(swept.flagged).toBe(n);
      expect(jobs).toBeGreaterThanOrEqual(3); // a page of orders a job at most
      expect(await queued()).toBe(before + n);
      expect((await s.as('lead', 'POST', '/api/rules/sweep')).body.flagged).toBe(0); // once
      // every one moves on (held): the next sweep clears them all, over several pages of flags
      for (const id of s.core.db.prepare("SELECT id FROM orders WHERE external_id LIKE 'SWEEP-%'").pluck().all() as string[]) {
        await s.as('lead', 'POST', `/api/orders/${id}/actions/hold`, { reason: 'checking' });
      }
      // (holding them one by one can take longer than the 15 s between the core's own sweeps on a
      // loaded machine: one of those may clear some first)
      expect((await s.as('lead', 'POST', '/api/rules/sweep')).body.cleared).toBeLessThanOrEqual(n);
      expect(await queued()).toBe(before);
      expect((await s.as('lead', 'POST', '/api/rules/sweep')).body.cleared).toBe(0); // once
    } finally {
      writes.run = run;
    }
  });

  it('an order 15 minutes in packing is flagged as stuck', async () => {
    const o = await post({});
    expect((await s.as('operator', 'POST', `/api/orders/${o.id}/pack/start`, { bench: 'B1' })).status).toBe(200);
    clock.advance(16 * 60_000);
    await s.as('lead', 'POST', '/api/rules/sweep');
    const q = (await s.as('lead', 'GET', '/api/rules/queue', undefined)).body;
    expect(q.items.find((f: { kind: string }) => f.kind === 'stuck')).toMatchObject({ orderNumber: o.number, stateAtFlag: 'packing', minutes: 16 });
  });

  it('cancel and expedite within 15 s freeze the order; the lead sees both and decides (audited)', async () => {
    const o = await post({});
    const e = await s.as('lead', 'POST', `/api/orders/${o.id}/instructions`, { kind: 'expedite', reason: 'buyer paid for express', source: 'taobao' });
    expect(e.body).toEqual({ outcome: 'applied', flagId: null });
    clock.advance(10_000);
    const c = await s.as('lead', 'POST', `/api/orders/${o.id}/instructions`, { kind: 'cancel', reason: 'buyer cancelled', source: 'taobao' });
    expect(c.body.outcome).toBe('frozen');
    expect((await s.as('lead', 'GET', `/api/orders/${o.id}`)).body.state).toBe('on_hold');
    const flag = (await s.as('lead', 'GET', '/api/rules/queue?kind=conflict')).body.items[0];
    expect(flag.instructions.map((i: { kind: string; outcome: string }) => `${i.kind}:${i.outcome}`)).toEqual(['expedite:applied', 'cancel:frozen']);
    const cancelId = flag.instructions[1].id;
    const d = await s.as('lead', 'POST', `/api/rules/queue/${flag.id}/resolve`, { choose: cancelId, reason: 'buyer confirmed the cancel by phone' });
    expect(d.status, d.text).toBe(200);
    expect(d.body).toMatchObject({ state: 'resolved', decision: 'cancel stands: buyer confirmed the cancel by phone' });
    expect((await s.as('lead', 'GET', `/api/orders/${o.id}`)).body.state).toBe('cancelled');
    const log = (await s.as('lead', 'GET', `/api/orders/${o.id}/events`)).body.items.map((x: { type: string }) => x.type);
    expect(log).toEqual(expect.arrayContaining(['order.hold', 'order.release', 'order.cancel']));

    // 20 s apart is no conflict.
    const p = await post({});
    await s.as('lead', 'POST', `/api/orders/${p.id}/instructions`, { kind: 'expedite', reason: 'rush' });
    clock.advance(20_000);
    expect((await s.as('lead', 'POST', `/api/orders/${p.id}/instructions`, { kind: 'cancel', reason: 'changed mind' })).body.outcome).toBe('applied');
  });

  it('two different addresses within the window freeze the order; the lead picks one', async () => {
    const o = await post({});
    const a1 = { ...orderInput().shipTo, address1: '科技园路2号' };
    const a2 = { ...orderInput().shipTo, address1: '深南大道100号' };
    expect((await s.as('lead', 'POST', `/api/orders/${o.id}/instructions`, { kind: 'address', shipTo: a1, reason: 'buyer moved' })).body.outcome).toBe('applied');
    clock.advance(5_000);
    expect((await s.as('lead', 'POST', `/api/orders/${o.id}/instructions`, { kind: 'address', shipTo: a2, reason: 'buyer moved again' })).body.outcome).toBe('frozen');
    const flag = (await s.as('lead', 'GET', '/api/rules/queue?kind=conflict')).body.items[0];
    await s.as('lead', 'POST', `/api/rules/queue/${flag.id}/resolve`, { choose: flag.instructions[1].id, reason: 'second one is the office' });
    const after = (await s.as('lead', 'GET', `/api/orders/${o.id}`)).body;
    expect(after.shipTo.address1).toBe('深南大道100号');
    expect(after.state).not.toBe('on_hold');
  });
});
