// The shared bench under misuse, over the station's real WebSocket (/api/station) on the real core:
// who may drive a bench and who only watches (issue 13 item 9), stops only a lead lifts (item 10),
// and a logout that ends the station socket at once, with a journal that holds no token (item 8).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startRig, TEA, type BenchRig } from '../station/pack-rig';
import { connect, refusedUpgrade, wsUrl, type TestClient } from '../station/helpers';
import { BADGE } from '../core/helpers';
import { PACK_COMMANDS, type PackView } from '../../src-main/contract/pack';

let rig: BenchRig;
const screens: TestClient[] = [];

beforeAll(async () => {
  // the fallback recheck stays at its default (60 s): a socket closing within seconds is the feed's doing
  rig = await startRig({ station: {} });
}, 60_000);
afterAll(async () => {
  for (const s of screens) s.close();
  await rig?.close();
});

const login = async (badge: string): Promise<string> => {
  const r = await rig.server.api('POST', '/api/session', { badge });
  if (r.status !== 200) throw new Error(`login ${badge}: ${r.status} ${r.text}`);
  return r.body.token as string;
};
/** A screen on the bench's WebSocket with a fresh session of this badge. */
const screen = async (badge: string, token?: string): Promise<TestClient> => {
  const c = await connect(rig.stationUrl!, token ?? (await login(badge)));
  screens.push(c);
  return c;
};
/** What a refusal must leave as it was (the live scale reading aside). */
const benchState = (v: PackView = rig.bench.station.view()) => ({ operator: v.operator, phase: v.phase, order: v.order, lastScan: v.lastScan, alert: v.alert, counters: v.counters });
const orderOf = async (id: string) => (await rig.server.as('lead', 'GET', `/api/orders/${id}`)).body as { state: string; version: number };
const historyOf = async (id: string) => (await rig.server.as('lead', 'GET', `/api/orders/${id}/events`)).body.items as unknown[];
const parcelsOf = async (id: string) => (await rig.server.as('lead', 'GET', `/api/orders/${id}/parcels`)).body.items as unknown[];
const journalFile = () => join(rig.dataDir, 'station', 'B1.jsonl');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function healthMs(): Promise<number> {
  const t = performance.now();
  const r = await fetch(`${rig.server.url}/api/health`);
  expect(r.status).toBe(200);
  return performance.now() - t;
}

/** Nobody on the bench, no order, no stop, an empty scale. */
async function emptyBench(): Promise<void> {
  await rig.freeBench();
  await rig.scan(PACK_COMMANDS.logout);
  await rig.until((v) => v.operator === null, 'nobody on the bench');
}

describe('the bench: who drives it, who watches', () => {
  it("a viewer only watches: her scan, logout command, reason and login are refused and nothing changes", async () => {
    await emptyBench();
    const op = await screen(BADGE.operator);
    expect(await op.call('pack.login', {})).toMatchObject({ ok: true, result: { operator: { role: 'operator' } } });
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    const viewer = await screen(BADGE.viewer);
    const before = benchState();
    const order = await orderOf(o.id);
    const history = await historyOf(o.id);
    const journal = readFileSync(journalFile(), 'utf8');

    const tries: [string, unknown][] = [
      ['pack.scan', { code: o.number }], ['pack.scan', { code: PACK_COMMANDS.logout }], ['pack.reason', { reason: 'let me in' }],
      ['pack.login', {}], ['pack.login', { takeOver: true }],
    ];
    for (const [method, params] of tries) {
      const r = await viewer.call(method, params);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^a viewer may not .*; ask a operator or lead$/) } });
    }
    expect(benchState()).toEqual(before);
    expect(await orderOf(o.id)).toMatchObject({ state: 'allocated', version: order.version });
    expect(await historyOf(o.id)).toEqual(history);
    expect(readFileSync(journalFile(), 'utf8')).toBe(journal);
    // she still watches: the view, with the operator on it
    expect(await viewer.call('pack.view', {})).toMatchObject({ ok: true, result: { operator: { role: 'operator' }, phase: 'idle' } });
    expect(await healthMs()).toBeLessThan(500);
  });

  it('finance, admin and viewer badges cannot log onto the bench, and no badge reaches a screen or the journal', async () => {
    await emptyBench();
    const watcher = await screen(BADGE.viewer);
    for (const role of ['finance', 'admin', 'viewer'] as const) {
      await rig.scan(BADGE[role]);
      expect(rig.bench.station.view()).toMatchObject({
        operator: null, phase: 'login', lastScan: { result: 'error', code: '', message: { key: 'roleWatchesOnly', params: { role } } },
      });
    }
    const finance = await screen(BADGE.finance);
    expect(await finance.call('pack.login', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(rig.bench.station.view().operator).toBeNull();
    // an unknown code at the login, then the operator's own badge
    await rig.scan('NOT-A-BADGE-77');
    expect(rig.bench.station.view().lastScan).toMatchObject({ code: '', result: 'error' });
    await rig.scan(BADGE.operator);
    expect(rig.bench.station.view().operator?.role).toBe('operator');
    expect(rig.bench.station.view().alert, "the refused code's alert is not left up over the operator who logged in").toBeNull();
    await sleep(300);
    const lead = await screen(BADGE.lead);
    const seen = JSON.stringify([watcher.events, await watcher.call('pack.view', {}), await lead.call('devices.status', {})]);
    for (const code of [BADGE.finance, BADGE.admin, BADGE.viewer, BADGE.operator, 'NOT-A-BADGE-77']) {
      expect(seen, code).not.toContain(code);
      expect(readFileSync(journalFile(), 'utf8'), code).not.toContain(code);
    }
    expect(watcher.events.some((e) => e.type === 'devices.scan')).toBe(true);
  });

  it("with someone on the bench, a badge on a device scanner still reaches no screen: the Devices screen's last scans show it as dots, as at the login", async () => {
    await rig.freeBench();
    const lead = await screen(BADGE.lead);
    const watcher = await screen(BADGE.viewer);
    const lastScan = async () => ((await lead.call('devices.status', {})) as { result: { lastScans: { source: string; code: string }[] } }).result.lastScans.find((s) => s.source === 'sim-scanner')!.code;
    const from = watcher.events.length;
    const pushed = async (n: number) => {
      await expect.poll(() => watcher.events.slice(from).filter((e) => e.type === 'devices.scan').length).toBe(n);
      return (watcher.events.slice(from).filter((e) => e.type === 'devices.scan').at(-1) as { scan: { code: string } }).scan.code;
    };
    // the operator's own badge and a colleague's, with no order on the bench
    await rig.scan(BADGE.operator);
    expect(rig.bench.station.view().lastScan).toMatchObject({ code: '', message: { key: 'ownBadge' } });
    expect(await pushed(1)).toBe('•'.repeat(BADGE.operator.length));
    expect(await lastScan()).toBe('•'.repeat(BADGE.operator.length));
    await rig.scan(BADGE.lead);
    expect(rig.bench.station.view().lastScan).toMatchObject({ code: '', message: { key: 'otherBadge' } });
    expect(await pushed(2)).toBe('•'.repeat(BADGE.lead.length));
    expect(await lastScan()).toBe('•'.repeat(BADGE.lead.length));
    // with an order on the bench: its own item and a command show as they are, a badge still as dots
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }] });
    await rig.scan(o.number);
    await rig.until((v) => v.phase === 'verify', 'the order on the bench');
    // an order number not on the bench yet is told from a badge only by asking the core: dots too
    expect(await pushed(3)).toBe('•'.repeat(o.number.length));
    await rig.scan(TEA.barcode);
    expect(await pushed(4)).toBe(TEA.barcode);
    expect(await lastScan()).toBe(TEA.barcode);
    await rig.scan(PACK_COMMANDS.newBox);
    expect(await pushed(5)).toBe(PACK_COMMANDS.newBox);
    await rig.scan(BADGE.lead);
    expect(await pushed(6)).toBe('•'.repeat(BADGE.lead.length));
    expect(await lastScan()).toBe('•'.repeat(BADGE.lead.length));

    const seen = JSON.stringify([watcher.events, await watcher.call('pack.view', {}), await lead.call('devices.status', {})]);
    for (const code of [BADGE.operator, BADGE.lead]) {
      expect(seen, code).not.toContain(code);
      expect(readFileSync(journalFile(), 'utf8'), code).not.toContain(code);
    }
  });

  it('a second screen watches the order in progress; a lead takes the bench over only on purpose, and it is audited', async () => {
    await emptyBench();
    const a = await screen(BADGE.operator);
    await a.call('pack.login', {});
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }] });
    expect(await a.call('pack.scan', { code: o.number })).toMatchObject({ ok: true, result: { phase: 'verify' } });
    expect(await a.call('pack.scan', { code: TEA.barcode })).toMatchObject({ ok: true, result: { order: { lines: [{ scanned: 1 }] } } });
    const before = benchState();
    const order = await orderOf(o.id);
    const journal = readFileSync(journalFile(), 'utf8');

    const b = await screen('OP-1002');
    expect(await b.call('pack.login', {})).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/Wang Fang is packing on Bench 1: this screen watches until they log out, or a lead takes the bench over/) } });
    expect(await b.call('pack.scan', { code: TEA.barcode })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/is packing on Bench 1/) } });
    expect(await b.call('pack.scan', { code: PACK_COMMANDS.skip })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await b.call('pack.login', { takeOver: true })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/only a lead may take over Bench 1/) } });
    const lead = await screen(BADGE.lead);
    expect(await lead.call('pack.login', {})).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/or you take the bench over$/) } });
    expect(await lead.call('pack.scan', { code: TEA.barcode })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(benchState()).toEqual(before);
    expect(readFileSync(journalFile(), 'utf8')).toBe(journal);
    expect(await orderOf(o.id)).toMatchObject({ state: 'packing', version: order.version });
    expect(existsSync(join(rig.dataDir, 'station', 'B1.audit.jsonl'))).toBe(false);

    const r = await lead.call('pack.login', { takeOver: true });
    expect(r).toMatchObject({ ok: true, result: { operator: { role: 'lead' }, phase: 'verify', order: { number: o.number, lines: [{ scanned: 1 }] } } });
    const audit = readFileSync(join(rig.dataDir, 'station', 'B1.audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit).toEqual([expect.objectContaining({ event: 'bench.taken_over', bench: 'B1', from: expect.objectContaining({ name: expect.stringMatching(/Wang Fang/) }), by: expect.objectContaining({ role: 'lead' }), order: o.number })]);
    // the operator's screen watches now; the lead packs on
    expect(await a.call('pack.scan', { code: TEA.barcode })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/Chen Jing is packing on Bench 1/) } });
    expect(await lead.call('pack.scan', { code: TEA.barcode })).toMatchObject({ ok: true, result: { phase: 'weigh' } });
  });
});

describe('stops only a lead lifts', () => {
  it('a skip at a weight stop sets the order aside for the lead: nothing prints, nothing ships, it cannot be packed again meanwhile', async () => {
    await rig.freeBench();
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    await rig.until((v) => v.phase === 'weigh', 'the weigh step');
    const printed = rig.sim.printer.labels.length;
    rig.sim.scale.place(900, 100);
    await rig.until((v) => v.alert?.kind === 'overweight', 'the weight stop');
    await rig.scan(PACK_COMMANDS.skip);
    await rig.until((v) => v.order === null && v.alert?.kind === 'short', 'the order set aside');
    await sleep(600);
    expect(rig.sim.printer.labels.length).toBe(printed);
    expect(await parcelsOf(o.id)).toEqual([]);
    expect((await orderOf(o.id)).state).toBe('exception');
    const ex = await rig.server.as('lead', 'GET', `/api/exceptions?orderId=${o.id}`);
    expect(ex.body.items).toEqual([expect.objectContaining({ state: 'open', kind: 'short', reason: expect.stringMatching(/^set aside at Bench 1: 900 g is more than expected/) })]);
    // scanned again, it stays off the bench until the lead clears the exception
    await rig.clearScale();
    await rig.scan(o.number);
    expect(rig.bench.station.view()).toMatchObject({ order: null, lastScan: { result: 'error', message: { detail: expect.stringMatching(/open exception/) } } });
    expect(rig.sim.printer.labels.length).toBe(printed);
  });

  it('a cancel stop stays until a lead scans their badge: a skip or an operator badge neither clears it nor lets a label print', async () => {
    await rig.freeBench();
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    await rig.until((v) => v.phase === 'weigh', 'the weigh step');
    const printed = rig.sim.printer.labels.length;
    await rig.server.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'customer called' });
    await rig.until((v) => v.alert?.kind === 'cancelled', 'the cancel stop');
    await rig.scan(PACK_COMMANDS.skip);
    expect(rig.bench.station.view().lastScan).toMatchObject({ result: 'error', message: { key: 'onlyLeadClears' } });
    await rig.scan(BADGE.operator);
    await rig.scan(PACK_COMMANDS.logout); // the stop outlasts a logout
    await rig.scan(BADGE.operator);
    rig.sim.scale.place(TEA.weight + 80, 100);
    await sleep(600);
    expect(rig.bench.station.view()).toMatchObject({ alert: { kind: 'cancelled', needs: 'lead' }, order: { number: o.number, lines: [{ scanned: 1 }] } });
    expect(rig.sim.printer.labels.length).toBe(printed);
    expect(await parcelsOf(o.id)).toEqual([]);
    expect((await orderOf(o.id)).state).toBe('cancelled');
    await rig.scan(BADGE.lead);
    await rig.until((v) => v.order === null && v.alert === null, 'the lead lifting the stop');
    const audit = readFileSync(join(rig.dataDir, 'station', 'B1.audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"event":"stop.cleared","kind":"cancelled"/);
    expect(rig.sim.printer.labels.length).toBe(printed);
  });

  it('an intercept (cancelled after its label) stays until a lead: a skip does not clear it, the exception stays open for the lead', async () => {
    await rig.freeBench();
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
    await rig.scan(o.number);
    await rig.scan(TEA.barcode);
    rig.sim.scale.place(TEA.weight, 100);
    await rig.until((v) => v.phase === 'done' && v.order?.number === o.number, 'the parcel labelled');
    await rig.sim.printer.waitForLabels(1);
    const printed = rig.sim.printer.labels.length;
    await rig.server.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'fraud check' });
    await rig.until((v) => v.alert?.kind === 'intercept', 'the intercept stop');
    await rig.scan(PACK_COMMANDS.skip);
    expect(rig.bench.station.view()).toMatchObject({ alert: { kind: 'intercept', needs: 'lead' } });
    const ex = await rig.server.as('lead', 'GET', `/api/exceptions?orderId=${o.id}&kind=intercept`);
    expect(ex.body.items).toEqual([expect.objectContaining({ state: 'open' })]);
    expect((await orderOf(o.id)).state).toBe('cancelled');
    expect(rig.sim.printer.labels.length).toBe(printed);
    await rig.scan(BADGE.lead);
    await rig.until((v) => v.alert === null, 'the lead lifting the stop');
  });
});

describe('logout and the journal', () => {
  it("a logout closes that session's station socket within 2 s, refuses it at once after, and the bench lets the operator go", async () => {
    await emptyBench();
    const token = await login('OP-1002');
    const c = await screen('OP-1002', token);
    const other = await screen(BADGE.viewer);
    expect(await c.call('pack.login', {})).toMatchObject({ ok: true, result: { operator: { name: 'Lucas Martin' } } });
    const closed = new Promise<number>((resolve) => c.ws.on('close', (code) => resolve(code)));
    const t0 = performance.now();
    const out = await rig.server.api('DELETE', '/api/session', undefined, { Authorization: `Bearer ${token}` });
    expect(out.status).toBe(200);
    expect(await Promise.race([closed, sleep(2000).then(() => 'still open')])).toBe(4401);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(2000);
    await rig.until((v) => v.operator === null, 'the bench without Lucas', 2000);
    // the cached answer for that token is gone: a new socket with it is refused at once
    expect((await refusedUpgrade(wsUrl(rig.stationUrl!, `?token=${encodeURIComponent(token)}`))).status).toBe(401);
    // other sessions' sockets stay
    expect((await other.call('pack.view', {})).ok).toBe(true);
    expect(await healthMs()).toBeLessThan(500);
  });

  it('the journal holds no session token and only this OS user may read it (file 0600, folder 0700)', async () => {
    await emptyBench();
    const token = await login(BADGE.operator);
    const c = await screen(BADGE.operator, token);
    await c.call('pack.login', {});
    const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }] });
    await c.call('pack.scan', { code: o.number });
    await c.call('pack.scan', { code: TEA.barcode });
    const file = journalFile();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(o.number);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/"token"/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    await c.call('pack.scan', { code: PACK_COMMANDS.skip });
  });
});
