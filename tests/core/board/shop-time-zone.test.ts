// The board's "today" and cut-offs are the shop's (its `timeZone` setting), not the machine's: a core
// on a UTC server counting a Shanghai shop. The process runs in UTC; the shop is in Asia/Shanghai,
// where 23:30 UTC is 07:30 the next day. Real HTTP server, real SQLite, the core's clock set by the test.
const machineZone = process.env.TZ;
process.env.TZ = 'UTC'; // the server's zone, before any date is made
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, addSku, orderInput, setSettings, SYSTEM, BADGE, type TestServer } from '../helpers';
import { addWaybillRange } from '../../../src-main/core/modules/shipping/actions/waybill-ranges';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { nextPickup, shopDay, shopDayBefore, shopMidnight, shopStamp } from '../../../src-main/contract/shop-time';
import { sequentialIds } from '../../../src-main/lib/ids';
import type { Clock } from '../../../src-main/lib/clock';
import { rekeyStep } from '../../../src-main/core/modules/board/actions/rekey-days';

// the test files after this one in the same worker run in the machine's zone again
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

const T = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();

describe("the shop's clock (contract/shop-time)", () => {
  it('the machine is on UTC here, so any local-time reading would give the UTC day', () => {
    expect(new Date(T('2026-12-03T23:30:00Z')).getDate()).toBe(3);
    expect(new Date(T('2026-12-03T23:30:00Z')).getTimezoneOffset()).toBe(0);
  });

  it("23:30 UTC is 07:30 of the next day in Shanghai: the shop's day, midnight and next pickup", () => {
    const now = T('2026-12-03T23:30:00Z');
    expect(shopDay(now, 'Asia/Shanghai')).toBe('2026-12-04');
    expect(iso(shopMidnight(now, 'Asia/Shanghai'))).toBe('2026-12-03T16:00:00.000Z');
    expect(iso(nextPickup('17:00', now, 'Asia/Shanghai'))).toBe('2026-12-04T09:00:00.000Z'); // today's 17:00 in Shanghai
    expect(iso(nextPickup('07:00', now, 'Asia/Shanghai'))).toBe('2026-12-04T23:00:00.000Z'); // 07:00 has passed there: tomorrow's
    expect(shopStamp(now, 'Asia/Shanghai')).toBe('2026-12-04 07:30');
    // the same moment in a UTC shop is still the 3rd
    expect(shopDay(now, 'UTC')).toBe('2026-12-03');
    expect(iso(nextPickup('17:00', now, 'UTC'))).toBe('2026-12-04T17:00:00.000Z');
    // the boundaries: 15:59:59 UTC is the 3rd in Shanghai, 16:00 UTC the 4th
    expect(shopDay(T('2026-12-03T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-12-03');
    expect(shopDay(T('2026-12-03T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-04');
    expect(shopDayBefore(T('2026-03-01T16:30:00Z'), 1, 'Asia/Shanghai')).toBe('2026-03-01'); // the 2nd there; a month and a short February behind
    expect(shopDayBefore(T('2026-03-01T16:30:00Z'), 2, 'Asia/Shanghai')).toBe('2026-02-28');
  });

  it('a shop with summer time: midnight and cut-offs on the days the clocks change (Europe/Berlin)', () => {
    const spring = T('2026-03-29T08:00:00Z'); // 10:00 CEST, the clocks went forward at 02:00 CET
    expect(iso(shopMidnight(spring, 'Europe/Berlin'))).toBe('2026-03-28T23:00:00.000Z'); // midnight was still CET
    expect(iso(nextPickup('17:00', spring, 'Europe/Berlin'))).toBe('2026-03-29T15:00:00.000Z');
    expect(iso(nextPickup('02:30', T('2026-03-28T12:00:00Z'), 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z'); // 02:30 does not exist that night: 03:30 CEST
    const autumn = T('2026-10-25T20:00:00Z'); // 21:00 CET, the clocks went back
    expect(iso(shopMidnight(autumn, 'Europe/Berlin'))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(nextPickup('17:00', autumn, 'Europe/Berlin'))).toBe('2026-10-26T16:00:00.000Z');
  });
});

describe('the board, the KPIs and the waves console count the shop\'s day on a UTC server', () => {
  let now = T('2026-12-03T10:00:00Z');
  const clock: Clock = { now: () => now, iso: () => new Date(now).toISOString() };
  let s: TestServer;
  let sku = '';
  let token = '';

  /** An order created, packed on B1 and shipped at `at`. */
  async function packAndShip(at: number) {
    now = at;
    const r = await s.as('lead', 'POST', '/api/orders', { ...orderInput(), carrier: 'sf', lines: [{ sku: 'SKU-A', qty: 1 }] });
    expect(r.status, r.text).toBe(201);
    const auth = { Authorization: `Bearer ${token}` };
    const t = await s.api('POST', `/api/orders/${r.body.id}/pack/start`, { bench: 'B1' }, auth);
    expect(t.status, t.text).toBe(200);
    const p = await s.api('POST', `/api/orders/${r.body.id}/parcels`, {
      bench: 'B1', expectedVersion: t.body.order.version, boxTypeId: null, items: [{ skuId: sku, qty: 1 }], measuredG: 100, final: true,
    }, { ...auth, 'Idempotency-Key': `k-${at}` });
    expect(p.status, p.text).toBe(201);
    s.core.writes.runNow(() => applyOrderAction(s.core.ctx, r.body.id, 'ship', SYSTEM));
  }
  async function read(at: number) {
    now = at;
    await s.core.board.flush();
    const board = (await s.as('lead', 'GET', '/api/shift-board')).body;
    const kpis = (await s.as('viewer', 'GET', '/api/kpis')).body.values as Record<string, number>;
    const trend = (await s.as('viewer', 'GET', '/api/kpis/trend?days=3')).body.days as { day: string; parcels: number; shipped: number }[];
    const operators = (await s.as('lead', 'GET', '/api/kpis/operators')).body as { day: string };
    return { board, kpis, trend, operators };
  }

  beforeAll(async () => {
    s = await startCore({
      core: { clock, ids: sequentialIds() },
      setup: (core) => {
        sku = addSku(core, 'SKU-A', { onHand: 100 });
        addWaybillRange(core.db, core.ctx.clock, { carrier: 'sf', scheme: 'mod11', prefix: 'SF', width: 12, first: 1, last: 1000 }, SYSTEM);
        setSettings(core, { timeZone: 'Asia/Shanghai', carrierCutoffs: { sf: '17:00' } });
      },
    });
    token = (await s.api('POST', '/api/session', { badge: BADGE.operator })).body.token;
    await packAndShip(T('2026-12-03T15:30:00Z')); // 23:30 on the 3rd in Shanghai
    await packAndShip(T('2026-12-03T23:00:00Z')); // 07:00 on the 4th in Shanghai
  });
  afterAll(() => s?.close());

  it("at 23:30 UTC (07:30 in Shanghai) today is the shop's 4th: one parcel, one shipment, the 17:00 pickup ahead", async () => {
    const { board, kpis, trend, operators } = await read(T('2026-12-03T23:30:00Z'));
    expect(board.timeZone).toBe('Asia/Shanghai');
    expect(board.carriers.find((c: { carrier: string }) => c.carrier === 'sf')).toMatchObject({ cutoff: '17:00', nextPickupAt: '2026-12-04T09:00:00.000Z' });
    expect(board.benches).toEqual([expect.objectContaining({ bench: 'B1', parcelsToday: 1 })]);
    expect([kpis.parcels_today, kpis.shipped_today]).toEqual([1, 1]);
    expect(trend.map((d) => [d.day, d.parcels, d.shipped])).toEqual([['2026-12-02', 0, 0], ['2026-12-03', 1, 1], ['2026-12-04', 1, 1]]);
    expect(operators.day).toBe('2026-12-04');
    const list = (await s.as('viewer', 'GET', '/api/kpis/parcels_today/orders')).body;
    expect(list.total).toBe(1);
  });

  it("at 09:30 UTC (17:30 in Shanghai) today's pickup has passed: the card rolls to the shop's next 17:00", async () => {
    const { board, kpis } = await read(T('2026-12-04T09:30:00Z'));
    expect(board.carriers.find((c: { carrier: string }) => c.carrier === 'sf').nextPickupAt).toBe('2026-12-05T09:00:00.000Z');
    expect(kpis.parcels_today).toBe(1);
    // 16:00 UTC is the shop's midnight: the 5th starts with nothing
    const next = await read(T('2026-12-04T16:00:00Z'));
    expect([next.kpis.parcels_today, next.kpis.shipped_today]).toEqual([0, 0]);
    expect(next.board.benches).toEqual([]); // no parcel on B1 since the shop's midnight
  });

  it("a shop set to UTC counts the same moments on UTC's day (the setting, not the machine, decides)", async () => {
    now = T('2026-12-03T23:30:00Z');
    setSettings(s.core, { timeZone: 'UTC' });
    const { board } = await read(T('2026-12-03T23:30:00Z'));
    expect(board.timeZone).toBe('UTC');
    expect(board.carriers.find((c: { carrier: string }) => c.carrier === 'sf').nextPickupAt).toBe('2026-12-04T17:00:00.000Z');
    expect(board.benches[0].parcelsToday).toBe(2); // both parcels fall on UTC's 3rd
    setSettings(s.core, { timeZone: 'Asia/Shanghai' });
  });

  /** The day counts kept by day (the rollups): the trend's last 3 days, today's shipped and parcels, the packer's and bench's day. */
  async function dayCounts(at: number) {
    const { kpis, trend, operators } = await read(at);
    return {
      trend: trend.map((d) => [d.day, d.parcels, d.shipped]), today: [kpis.shipped_today, kpis.parcels_today, kpis.on_time_due_today],
      packerDay: (operators as unknown as { day: string; items: { parcels: number }[]; benches: { packer: string; parcels: number }[] }),
    };
  }
  const inShanghai = { trend: [['2026-12-02', 0, 0], ['2026-12-03', 1, 1], ['2026-12-04', 1, 1]], today: [1, 1, 0] };
  const inUtc = { trend: [['2026-12-01', 0, 0], ['2026-12-02', 0, 0], ['2026-12-03', 2, 2]], today: [2, 2, 0] };

  it("a time zone change moves the day counts to the new zone's days, and back (the rollups are keyed by day)", async () => {
    const at = T('2026-12-03T23:30:00Z'); // the 4th in Shanghai, the 3rd in UTC
    expect(await dayCounts(at)).toMatchObject(inShanghai);
    setSettings(s.core, { timeZone: 'UTC' });
    const utc = await dayCounts(at);
    expect(utc).toMatchObject(inUtc);
    expect(utc.packerDay.day).toBe('2026-12-03');
    expect(utc.packerDay.items.map((i) => i.parcels)).toEqual([2]); // the operator's two parcels on one UTC day
    expect(utc.packerDay.benches.map((b) => [b.packer, b.parcels])).toEqual([['B1', 2]]);
    setSettings(s.core, { timeZone: 'Asia/Shanghai' });
    const back = await dayCounts(at);
    expect(back).toMatchObject(inShanghai);
    expect(back.packerDay.items.map((i) => i.parcels)).toEqual([1]);
  });

  it('moves in short steps (a page of shipped orders, a window of the log, each step its own job), to the same days', async () => {
    const at = T('2026-12-03T23:30:00Z');
    expect(await dayCounts(at)).toMatchObject(inShanghai);
    setSettings(s.core, { timeZone: 'UTC' });
    // Run here a step at a time, each as small as can be (the follower's own steps take 1,000 orders, 2,000 events).
    const steps: string[] = [];
    for (let r = ''; r !== 'done'; ) steps.push((r = s.core.writes.runNow(() => rekeyStep(s.core.ctx, { shipped: 1, events: 2 }))));
    expect(steps.length).toBeGreaterThan(5);
    expect(await dayCounts(at)).toMatchObject(inUtc);
    setSettings(s.core, { timeZone: 'Asia/Shanghai' });
    expect(await dayCounts(at)).toMatchObject(inShanghai);
  });
});
