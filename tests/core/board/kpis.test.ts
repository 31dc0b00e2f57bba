// The command centre's KPIs on a seeded shop with known answers, through the real HTTP server and
// the real SQLite file, with the core's clock set by the test. Every expected number below is
// worked out by hand from the orders the test makes (times are the shop's local times on day D).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, addSku, orderInput, setSettings, SYSTEM, BADGE, type TestServer } from '../helpers';
import { addWaybillRange } from '../../../src-main/core/modules/shipping/actions/waybill-ranges';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { readKpis } from '../../../src-main/core/modules/board/queries';
import { sequentialIds } from '../../../src-main/lib/ids';
import type { Clock } from '../../../src-main/lib/clock';

// Day D: 2026-11-20 in the shop's time zone (the board's days are the shop's days).
// the shop's wall clock: the default shop is in Asia/Shanghai (UTC+8, no summer time), whatever the machine's zone
const at = (day: number, h: number, m = 0) => Date.UTC(2026, 10, 20 + day, h - 8, m);
let now = at(0, 7);
const clock: Clock = { now: () => now, iso: () => new Date(now).toISOString() };
const iso = (ms: number) => new Date(ms).toISOString();

let s: TestServer;
let sku = '';
const o: Record<string, { id: string; number: string }> = {};
const tokens: Record<string, string> = {};

async function order(name: string, createdAt: number, over: Record<string, unknown>) {
  now = createdAt;
  const r = await s.as('lead', 'POST', '/api/orders', { ...orderInput(), lines: [{ sku: 'SKU-A', qty: (over.qty as number) ?? 1 }], ...over, qty: undefined });
  expect(r.status, r.text).toBe(201);
  o[name] = { id: r.body.id, number: r.body.number };
}
/** Packs an order in one parcel at the bench: the order opened at `startAt`, its label at `labelAt`. */
async function pack(name: string, who: string, bench: string, startAt: number, labelAt: number, units: number, measuredG = units * 100, override?: { badge: string; reason: string }) {
  const auth = { Authorization: `Bearer ${tokens[who]}` };
  now = startAt;
  const t = await s.api('POST', `/api/orders/${o[name]!.id}/pack/start`, { bench }, auth);
  expect(t.status, t.text).toBe(200);
  now = labelAt;
  const p = await s.api('POST', `/api/orders/${o[name]!.id}/parcels`, {
    bench, expectedVersion: t.body.order.version, boxTypeId: null, items: [{ skuId: sku, qty: units }], measuredG, final: true, ...(override ? { override } : {}),
  }, { ...auth, 'Idempotency-Key': `k-${name}` });
  expect(p.status, p.text).toBe(201);
}
const ship = (name: string, when: number) => {
  now = when;
  s.core.writes.runNow(() => applyOrderAction(s.core.ctx, o[name]!.id, 'ship', SYSTEM));
};
async function kpisAt(when: number) {
  now = when;
  await s.core.board.flush();
  const r = await s.as('viewer', 'GET', '/api/kpis');
  expect(r.status, r.text).toBe(200);
  return r.body.values as Record<string, number>;
}

beforeAll(async () => {
  s = await startCore({
    core: { clock, ids: sequentialIds() },
    setup: (core) => {
      sku = addSku(core, 'SKU-A', { onHand: 100 });
      addWaybillRange(core.db, core.ctx.clock, { carrier: 'sf', scheme: 'mod11', prefix: 'SF', width: 12, first: 1, last: 1000 }, SYSTEM);
      addWaybillRange(core.db, core.ctx.clock, { carrier: 'yto', scheme: 'mod11', prefix: 'YT', width: 12, first: 1, last: 1000 }, SYSTEM);
      setSettings(core, { carrierCutoffs: { sf: '17:00', yto: '16:00' } });
    },
  });
  for (const badge of [BADGE.operator, 'OP-1002', BADGE.lead]) tokens[badge] = (await s.api('POST', '/api/session', { badge })).body.token;

  await order('old', at(-3, 10), { carrier: 'sf', shipBy: iso(at(2, 12)) }); // backlog 2+ days, not late
  await order('late', at(0, 7, 30), { carrier: 'sf', shipBy: iso(at(0, 10)) }); // open past ship-by at 12:00
  await order('risk', at(0, 7, 30), { carrier: 'sf', shipBy: iso(at(0, 16)) }); // must make the 17:00 sf pickup
  await order('tomorrow', at(0, 7, 30), { carrier: 'sf', shipBy: iso(at(1, 12)) }); // fine today; at risk once 17:00 has passed
  await order('shippedLate', at(0, 7), { carrier: 'yto', shipBy: iso(at(0, 11)), qty: 2 });
  await order('shippedOnTime', at(0, 8, 30), { carrier: 'yto', shipBy: iso(at(0, 18)) });
  await order('customerHeld', at(0, 8), { carrier: 'yto', shipBy: iso(at(0, 9)) });
  await order('packedOnly', at(0, 8), { carrier: 'sf' }); // no promise
  await order('held', at(0, 9), { carrier: 'sf' });

  now = at(0, 8, 10);
  s.core.writes.runNow(() => applyOrderAction(s.core.ctx, o.customerHeld!.id, 'hold', SYSTEM, { reason: 'customer asked us to wait' }));
  now = at(0, 8, 40);
  s.core.writes.runNow(() => applyOrderAction(s.core.ctx, o.customerHeld!.id, 'release', SYSTEM));
  now = at(0, 9, 5);
  s.core.writes.runNow(() => applyOrderAction(s.core.ctx, o.held!.id, 'hold', SYSTEM, { reason: 'address check' }));

  // Operator 1 (OP-1001) on B1: first scan 09:00, last label 10:00: 2 parcels, 3 units in 1 h.
  await pack('shippedLate', BADGE.operator, 'B1', at(0, 9), at(0, 9, 10), 2);
  await pack('shippedOnTime', BADGE.operator, 'B1', at(0, 9, 30), at(0, 10), 1);
  // Operator 2 (OP-1002) on B2: 10:00 to 10:45: 2 parcels, 2 units in 0.75 h, one let through overweight by the lead.
  await pack('customerHeld', 'OP-1002', 'B2', at(0, 10), at(0, 10, 15), 1);
  await pack('packedOnly', 'OP-1002', 'B2', at(0, 10, 20), at(0, 10, 45), 1, 900, { badge: BADGE.lead, reason: 'gift wrap, weighed by hand' });

  ship('shippedLate', at(0, 11, 30)); // 270 min after creation, 30 min past ship-by
  ship('shippedOnTime', at(0, 11, 30)); // 180 min
  ship('customerHeld', at(0, 11, 30)); // 210 min, late, but the customer held it: not due
});
afterAll(() => s?.close());

describe('KPIs on a seeded shop (known answers)', () => {
  it('backlog by age bucket and hold reason, late and at risk, at 12:00', async () => {
    const v = await kpisAt(at(0, 12));
    // open and not packed: old, late, risk, tomorrow, held (packedOnly is packed)
    expect(v.backlog).toBe(5);
    expect([v.backlog_lt4h, v.backlog_today, v.backlog_1d, v.backlog_2d]).toEqual([1, 3, 0, 1]); // held 09:00 is < 4 h; 07:30 x3 are 4.5 h
    expect(v.holds).toBe(1);
    expect(v['holds:address check']).toBe(1);
    expect(v.late).toBe(1); // "late" (ship-by 10:00)
    expect(v.at_risk).toBe(1); // "risk": ship-by 16:00 <= sf 17:00; yto's 16:00 pickup has nothing open
  });

  it('on-time rate against each promise leaves out customer holds; order-to-ship p50/p90', async () => {
    const v = await kpisAt(at(0, 12));
    expect(v.shipped_today).toBe(3);
    expect(v.on_time_due_today).toBe(2); // shippedLate + shippedOnTime; customerHeld is left out
    expect(v.on_time_today).toBe(1);
    expect(v.on_time_rate_today).toBe(50);
    expect(v.ship_p50_min).toBe(210); // 180, 210, 270: rank ceil(0.5 x 3) = 2
    expect(v.ship_p90_min).toBe(270); // rank ceil(0.9 x 3) = 3
  });

  it('parcels and units per hour per packer and bench from scan times; mis-pack rate', async () => {
    const v = await kpisAt(at(0, 12));
    const users = s.core.db.prepare("SELECT id, name FROM users WHERE name IN ('王芳 Wang Fang', 'Lucas Martin') ORDER BY name").all() as { id: string; name: string }[];
    const [lucas, wang] = [users[0]!.id, users[1]!.id];
    expect(v.parcels_today).toBe(4);
    expect(v.units_today).toBe(5);
    expect(v[`packer_pph:${wang}`]).toBe(2); // 2 parcels / 1 h
    expect(v[`packer_pph:${lucas}`]).toBe(2.7); // 2 / 0.75 h = 2.67
    expect(v['bench_pph:B1']).toBe(2);
    expect(v.parcels_per_hour).toBe(2.3); // 4 / 1.75 h
    expect(v.units_per_hour).toBe(2.9); // 5 / 1.75 h
    expect(v.weight_overrides_7d).toBe(1);
    expect(v.mispack_rate_7d).toBe(25); // 1 override / 4 parcels

    const mine = await s.api('GET', '/api/kpis/operators', undefined, { Authorization: `Bearer ${tokens['OP-1002']}` });
    expect(mine.body.items).toEqual([expect.objectContaining({ packer: lucas, parcels: 2, units: 2, hours: 0.75, parcelsPerHour: 2.7, weightOverrides: 1 })]);
    expect(mine.body.benches).toEqual([]);
    const all = await s.as('lead', 'GET', '/api/kpis/operators');
    expect(all.body.items.map((r: { packer: string; parcelsPerHour: number }) => [r.packer, r.parcelsPerHour]).sort()).toEqual([[lucas, 2.7], [wang, 2]].sort());
    expect(all.body.benches.map((b: { packer: string }) => b.packer).sort()).toEqual(['B1', 'B2']);
  });

  it('each number opens the orders behind it', async () => {
    now = at(0, 12);
    const list = async (key: string) => (await s.as('viewer', 'GET', `/api/kpis/${encodeURIComponent(key)}/orders`)).body;
    expect((await list('late')).items.map((x: { number: string }) => x.number)).toEqual([o.late!.number]);
    expect((await list('at_risk')).items.map((x: { number: string }) => x.number)).toEqual([o.risk!.number]);
    expect((await list('holds:address check')).items).toEqual([expect.objectContaining({ number: o.held!.number, holdReason: 'address check' })]);
    expect((await list('backlog_2d')).items.map((x: { number: string }) => x.number)).toEqual([o.old!.number]);
    const onTime = await list('on_time_rate_today');
    expect(onTime.total).toBe(2);
    expect(onTime.items[0].number).toBe(o.shippedLate!.number); // the late one first
    expect((await list('weight_overrides_7d')).items.map((x: { number: string }) => x.number)).toEqual([o.packedOnly!.number]);
    const unknown = await s.as('viewer', 'GET', '/api/kpis/nonsense/orders');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('late');
  });

  it('after 17:00 the sf card rolls to tomorrow 17:00 and at-risk follows it', async () => {
    const v = await kpisAt(at(0, 18));
    expect(v.late).toBe(2); // "late" and now "risk" (16:00)
    expect(v.at_risk).toBe(1); // "tomorrow": ship-by D+1 12:00 <= D+1 17:00
    const board = (await s.as('lead', 'GET', '/api/shift-board')).body;
    const sf = board.carriers.find((c: { carrier: string }) => c.carrier === 'sf');
    expect(sf.nextPickupAt).toBe(iso(at(1, 17)));
    expect(board.carriers[0].carrier).toBe('yto'); // D+1 16:00 comes first
    now = at(0, 15);
    const before = (await s.as('lead', 'GET', '/api/shift-board')).body.carriers.find((c: { carrier: string }) => c.carrier === 'sf');
    expect(before.nextPickupAt).toBe(iso(at(0, 17)));
  });

  it('readKpis is the plain function behind the API (the alerts read it)', async () => {
    now = at(0, 12);
    await s.core.board.flush();
    const v = readKpis(s.core.ctx);
    expect(v.late).toBe(1);
    expect(Object.keys(v)).toEqual(expect.arrayContaining(['backlog', 'late', 'at_risk', 'on_time_rate_today', 'ship_p90_min', 'exceptions_open', 'channel_success_rate', 'tracking_stalls', 'returns', 'payout_differences_open']));
  });
});

describe('wall links', () => {
  it('a lead makes a view-only link; it reads the floor and nothing else; revoked, it is refused', async () => {
    now = at(0, 12);
    expect((await s.as('operator', 'POST', '/api/wall-links', { name: 'Dock TV' })).status).toBe(403);
    const made = await s.as('lead', 'POST', '/api/wall-links', { name: 'Dock TV' });
    expect(made.status, made.text).toBe(200);
    const token = made.body.token as string;
    const f = await s.api('GET', `/api/wall/${token}/floor`);
    expect(f.status).toBe(200);
    expect(f.body.late.map((x: { number: string }) => x.number)).toEqual([o.late!.number]);
    expect((await s.api('GET', '/api/kpis', undefined, { Authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await s.as('lead', 'GET', '/api/wall-links')).body.items[0]).not.toHaveProperty('token');
    await s.as('lead', 'DELETE', `/api/wall-links/${made.body.id}`);
    expect((await s.api('GET', `/api/wall/${token}/floor`)).status).toBe(401);
  });
});
