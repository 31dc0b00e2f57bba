// Test scans on the Devices screen, over the station's real WebSocket, the real core and the
// simulated serial scanner on a socat pty: a lead turns them on for a scanner; its scans are then
// shown on the Devices screen (in full once the core said they are no badge; a badge never), and
// never reach the bench's packing nor log anyone in. An operator cannot turn them on; they end by
// themselves after their time.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startRig, TEA, type BenchRig } from './pack-rig';
import { connect, type TestClient } from './helpers';
import { BADGE, tempDir } from '../core/helpers';
import { PACK_COMMANDS } from '../../src-main/contract/pack';
import type { ScanInfo, TestScanState } from '../../src-main/contract/devices';
import type { StationEvent } from '../../src-main/contract/station';
import { configureLogging } from '../../src-main/lib/log';

const SCANNER = 'sim-scanner';
/** short, so the test that waits for test scans to end by themselves waits seconds, not minutes */
const TEST_SCANS_MS = 4000;
const logDir = tempDir('packline-test-scans-log-');
const logger = configureLogging({ dataDir: logDir.dir, level: 'debug', pretty: false });

let rig: BenchRig;
const screens: TestClient[] = [];

beforeAll(async () => {
  rig = await startRig({ station: {}, testScansMs: TEST_SCANS_MS });
}, 60_000);
afterAll(async () => {
  for (const s of screens) s.close();
  await rig?.close();
  // the worker runs other test files next (isolate: false): quiet again, as under vitest by default
  configureLogging({ level: 'silent', pretty: false });
  logDir.cleanup();
});

const login = async (badge: string): Promise<string> => {
  const r = await rig.server.api('POST', '/api/session', { badge });
  if (r.status !== 200) throw new Error(`login ${badge}: ${r.status} ${r.text}`);
  return r.body.token as string;
};
/** A Devices screen on the bench's WebSocket with a fresh session of this badge. */
const screen = async (badge: string): Promise<TestClient> => {
  const c = await connect(rig.stationUrl!, await login(badge));
  screens.push(c);
  return c;
};
const isTestScan = (e: StationEvent): e is Extract<StationEvent, { type: 'devices.scan' }> => e.type === 'devices.scan' && !!e.scan.test;
const isScan = (e: StationEvent): e is Extract<StationEvent, { type: 'devices.scan' }> => e.type === 'devices.scan';
/** the push that says no scanner is in test scans any more */
const allOff = (e: StationEvent): e is Extract<StationEvent, { type: 'devices.testScans' }> => e.type === 'devices.testScans' && e.items.length === 0;

/** Turns test scans of the simulated scanner on from this screen (the reply lists it). */
async function testScansOn(c: TestClient): Promise<TestScanState[]> {
  const r = await c.call('devices.testScans', { scanner: SCANNER, on: true });
  expect(r).toMatchObject({ ok: true, result: { items: [{ scanner: SCANNER }] } });
  return (r as { result: { items: TestScanState[] } }).result.items;
}
const isVerdict = (e: StationEvent): e is Extract<StationEvent, { type: 'devices.scan' }> => isTestScan(e) && e.scan.test!.verdict !== 'checking';
/** Scans through the simulated serial scanner and waits for the Devices screen's test-scan push with the core's verdict. */
async function testScan(c: TestClient, code: string, aim = ''): Promise<ScanInfo> {
  const pushed = c.waitEvent(isVerdict, 10_000);
  await rig.sim.scanner.scan(code, aim);
  return (await pushed).scan;
}
/** Everything on disk in the station's data folder (journal, audit, devices, print jobs), as text. */
function dataFolderText(dir = rig.dataDir): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out += statSync(p).isDirectory() ? dataFolderText(p) : readFileSync(p, 'latin1');
  }
  return out;
}
async function logText(): Promise<string> {
  await new Promise<void>((r) => logger.flush(() => r()));
  const file = join(logDir.dir, 'logs', 'packline.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
const emptyBench = async () => {
  await rig.freeBench();
  await rig.scan(PACK_COMMANDS.logout);
  await rig.until((v) => v.operator === null, 'nobody on the bench');
};

describe('test scans on the Devices screen', () => {
  it('show a product barcode in full, with its symbology, to every Devices screen and in the last scans; a GS1 code is shown without asking the core', async () => {
    await rig.freeBench();
    const lead = await screen(BADGE.lead);
    const watcher = await screen(BADGE.operator);
    await lead.waitDevice('scanner', SCANNER);
    const items = await testScansOn(lead);
    expect(items[0]).toMatchObject({ by: { role: 'lead' }, until: expect.any(Number) });
    expect(items[0]!.until - Date.now()).toBeGreaterThan(TEST_SCANS_MS - 2000);

    const seen = watcher.waitEvent(isVerdict, 10_000);
    const scan = await testScan(lead, TEA.barcode, ']E0');
    expect(scan).toMatchObject({ source: SCANNER, code: TEA.barcode, symbology: ']E0', test: { verdict: 'shown' } });
    expect((await seen).scan.code).toBe(TEA.barcode);
    // a GS1-128 code with a group separator has no badge's form: shown as read, the core not asked
    const gs1 = '0104012345678901\x1d10LOT42';
    expect(await testScan(lead, gs1, ']C1')).toMatchObject({ code: gs1, symbology: ']C1', test: { verdict: 'shown' } });
    const status = await lead.call('devices.status', {});
    expect(status).toMatchObject({ ok: true, result: { lastScans: [{ source: SCANNER, code: gs1 }], testScans: [{ scanner: SCANNER }] } });
    expect(await lead.call('devices.testScans', { scanner: SCANNER, on: false })).toMatchObject({ ok: true, result: { items: [] } });
  }, 30_000);

  it('never show a staff badge (in no event, journal, file or log) and log nobody in', async () => {
    await emptyBench();
    const lead = await screen(BADGE.lead);
    const watcher = await screen(BADGE.viewer);
    await testScansOn(lead);
    const before = rig.bench.station.view();
    for (const badge of [BADGE.operator, BADGE.lead]) {
      const scan = await testScan(lead, badge, ']C0');
      // another person's badge and the lead's own: both only "a staff badge", the length in dots
      expect(scan).toMatchObject({ code: '•'.repeat(badge.length), symbology: ']C0', test: { verdict: 'badge' } });
    }
    await lead.call('devices.testScans', { scanner: SCANNER, on: false });
    const after = rig.bench.station.view();
    expect(after.operator).toBeNull();
    expect(after.lastScan).toEqual(before.lastScan);
    const status = JSON.stringify(await watcher.call('devices.status', {}));
    for (const badge of [BADGE.operator, BADGE.lead]) {
      expect(JSON.stringify(lead.events)).not.toContain(badge);
      expect(JSON.stringify(watcher.events)).not.toContain(badge);
      expect(status).not.toContain(badge);
      expect(dataFolderText()).not.toContain(badge);
    }
    const log = await logText();
    expect(log).toContain('test scan');
    for (const badge of [BADGE.operator, BADGE.lead]) expect(log).not.toContain(badge);
  }, 30_000);

  it('do not reach the packing flow: an item is not packed, a logout command logs nobody out; off again, the scanner packs', async () => {
    await rig.freeBench();
    const o = await rig.order({ sku: TEA.sku, qty: 2 });
    await rig.scan(o.number);
    await rig.until((v) => v.order?.number === o.number, `order ${o.number} on the bench`);
    const lead = await screen(BADGE.lead);
    await testScansOn(lead);
    const before = rig.bench.station.view();
    for (const code of [TEA.barcode, PACK_COMMANDS.logout]) expect((await testScan(lead, code)).test?.verdict).toBe('shown');
    const v = rig.bench.station.view();
    expect(v.operator).toEqual(before.operator);
    expect(v.order?.lines[0]?.scanned).toBe(0);
    expect(v.lastScan).toEqual(before.lastScan);
    expect(v.counters).toEqual(before.counters);

    await lead.call('devices.testScans', { scanner: SCANNER, on: false });
    const plain = lead.waitEvent((e) => isScan(e) && !e.scan.test, 10_000);
    await rig.scan(TEA.barcode);
    expect(rig.bench.station.view().order?.lines[0]?.scanned).toBe(1);
    expect(await plain).toMatchObject({ scan: { code: TEA.barcode } });
    await rig.scan(PACK_COMMANDS.skip);
  }, 30_000);

  it('an operator cannot turn them on (nothing changes); they may turn off a lead\'s', async () => {
    await rig.freeBench();
    const op = await screen(BADGE.operator);
    const r = await op.call('devices.testScans', { scanner: SCANNER, on: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('ask a lead or admin') } });
    expect(await op.call('devices.status', {})).toMatchObject({ ok: true, result: { testScans: [] } });
    // the scanner still packs: an item scan reaches the bench
    const seq = rig.bench.station.view().lastScan?.seq;
    await rig.scan(TEA.barcode);
    expect(rig.bench.station.view().lastScan?.seq).toBeGreaterThan(seq ?? 0);
    // an unknown scanner is refused for a lead too
    const lead = await screen(BADGE.lead);
    expect(await lead.call('devices.testScans', { scanner: 'no-such-scanner', on: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await testScansOn(lead);
    const off = op.waitEvent(allOff);
    expect(await op.call('devices.testScans', { scanner: SCANNER, on: false })).toMatchObject({ ok: true, result: { items: [] } });
    await off;
  }, 30_000);

  it('end by themselves after their time, and when the screen that turned them on closes', async () => {
    await rig.freeBench();
    const lead = await screen(BADGE.lead);
    const watcher = await screen(BADGE.operator);
    const t0 = Date.now();
    await testScansOn(lead);
    await watcher.waitEvent(allOff, TEST_SCANS_MS + 3000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(TEST_SCANS_MS - 100);
    // the next scan is the bench's again
    const seq = rig.bench.station.view().lastScan?.seq ?? 0;
    await rig.scan(TEA.barcode);
    expect(rig.bench.station.view().lastScan?.seq).toBeGreaterThan(seq);

    await testScansOn(lead);
    const gone = watcher.waitEvent(allOff);
    lead.close();
    await gone;
  }, 30_000);

  it('keep a code masked, with the reason, when the core will not check it (the asking person is throttled)', async () => {
    await emptyBench();
    const admin = await screen(BADGE.admin);
    await testScansOn(admin);
    // the admin spends their free badge checks elsewhere (60 codes that are not their badge)
    const token = await login(BADGE.admin);
    for (let i = 0; i < 60; i++) expect((await rig.server.api('POST', '/api/session/badge', { badge: `NOPE-${i}` }, { Authorization: `Bearer ${token}` })).status).toBe(200);
    const scan = await testScan(admin, TEA.barcode);
    expect(scan).toMatchObject({ code: '•'.repeat(TEA.barcode.length), test: { verdict: 'unchecked', why: 'throttled' } });
    expect(JSON.stringify(admin.events)).not.toContain(TEA.barcode);
    expect(rig.bench.station.view().operator).toBeNull();
    await admin.call('devices.testScans', { scanner: SCANNER, on: false });
  }, 30_000);

  it('show each scan at once as "checking…" in dots, before the core is asked, then its verdict under the same id (one entry)', async () => {
    await emptyBench();
    const lead = await screen(BADGE.lead);
    await testScansOn(lead);
    const from = lead.events.length;
    for (const [code, verdict] of [[TEA.barcode, 'shown'], [BADGE.operator, 'badge']] as const) {
      const scan = await testScan(lead, code, ']C0');
      expect(scan.test?.verdict).toBe(verdict);
    }
    await lead.call('devices.testScans', { scanner: SCANNER, on: false });
    const told = lead.events.slice(from).filter(isTestScan).map((e) => e.scan);
    expect(told).toEqual([
      expect.objectContaining({ id: expect.any(String), code: '•'.repeat(TEA.barcode.length), test: { verdict: 'checking' } }),
      expect.objectContaining({ id: told[0]!.id, code: TEA.barcode, test: { verdict: 'shown' } }),
      expect.objectContaining({ id: expect.any(String), code: '•'.repeat(BADGE.operator.length), test: { verdict: 'checking' } }),
      expect.objectContaining({ id: told[2]!.id, code: '•'.repeat(BADGE.operator.length), test: { verdict: 'badge' } }),
    ]);
    expect(told[2]!.id).not.toBe(told[0]!.id);
  }, 30_000);

  it("are recorded in the bench's audit file, as a take-over is: who turned them on for which scanner and until when, who turned them off, or that they ended by themselves", async () => {
    await rig.freeBench();
    const auditFile = join(rig.dataDir, 'station', 'B1.audit.jsonl');
    const entries = () => (existsSync(auditFile) ? readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : []).filter((e) => e.event === 'devices.test_scans');
    const before = entries().length;
    const lead = await screen(BADGE.lead);
    const op = await screen(BADGE.operator);
    const [on] = await testScansOn(lead);
    await op.call('devices.testScans', { scanner: SCANNER, on: false });
    await testScansOn(lead);
    await op.waitEvent(allOff, TEST_SCANS_MS + 3000);
    await testScansOn(lead);
    const gone = op.waitEvent(allOff);
    lead.close();
    await gone;

    const lines = entries().slice(before);
    const byLead = expect.objectContaining({ id: expect.any(String), name: expect.stringMatching(/Chen Jing/), role: 'lead' });
    const turnedOn = expect.objectContaining({ event: 'devices.test_scans', bench: 'B1', scanner: SCANNER, on: true, by: byLead, until: expect.any(String), at: expect.any(String) });
    const ended = (why: string) => expect.objectContaining({ event: 'devices.test_scans', bench: 'B1', scanner: SCANNER, on: false, by: null, why, from: expect.objectContaining({ name: expect.stringMatching(/Chen Jing/) }) });
    expect(lines).toEqual([
      turnedOn,
      expect.objectContaining({ scanner: SCANNER, on: false, why: 'turned off', by: expect.objectContaining({ name: expect.stringMatching(/Wang Fang/), role: 'operator' }), from: expect.objectContaining({ name: expect.stringMatching(/Chen Jing/) }) }),
      turnedOn, ended('time is up'),
      turnedOn, ended('screen closed'),
    ]);
    expect(lines[0]!.until).toBe(new Date(on!.until).toISOString());
  }, 30_000);
});
