// The StationBridge over a real WebSocket on the core's real HTTP server, authenticated with real
// sessions, on a simulated bench (socat ptys, TCP printer simulator).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { join } from 'node:path';
import { startRig, connect, refusedUpgrade, wsUrl, type StationRig, type TestClient } from './helpers';
import type { StationEvent } from '../../src-main/contract/station';
import { createIpcBridge } from '../../src-main/station/ipc-bridge';

let rig: StationRig;
let lead: string;
let operator: string;
let viewer: string;
let client: TestClient;

beforeAll(async () => {
  rig = await startRig({ ws: { heartbeatMs: 150, recheckMs: 200 } });
  [lead, operator, viewer] = await Promise.all([rig.login('LD-2001'), rig.login('OP-1001'), rig.login('VW-5001')]);
  client = await connect(rig.url, lead);
});
afterAll(async () => {
  client?.close();
  await rig?.stop();
});

const isWeight = (e: StationEvent): e is Extract<StationEvent, { type: 'devices.weight' }> => e.type === 'devices.weight';

describe('station WebSocket: who may connect', () => {
  it('refuses an upgrade without a session, or with a bad one, with 401 and a reason', async () => {
    const none = await refusedUpgrade(wsUrl(rig.url));
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.message).toMatch(/log in first/);
    const bad = await refusedUpgrade(wsUrl(rig.url, '?token=not-a-session'));
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body).error.message).toMatch(/expired or was revoked/);
    expect(rig.station.ws.clients()).toBe(1);
  });

  it('takes the pl_session cookie a browser sends, and refuses a page from another site', async () => {
    const c = await new Promise<boolean>((resolve, reject) => {
      const ws = new WebSocket(wsUrl(rig.url), { headers: { Cookie: `pl_session=${operator}` } });
      ws.on('open', () => (ws.close(), resolve(true)));
      ws.on('error', reject);
    });
    expect(c).toBe(true);
    const cross = await refusedUpgrade(wsUrl(rig.url), { headers: { Cookie: `pl_session=${operator}` }, origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
  });

  it('ends the socket when the session is logged out', async () => {
    const token = await rig.login('OP-1002');
    const c = await connect(rig.url, token);
    const closed = new Promise<number>((resolve) => c.ws.on('close', (code) => resolve(code)));
    await fetch(`${rig.url}/api/session`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(await closed).toBe(4401);
  });

  it('closes a socket that stops answering pings', async () => {
    const c = await connect(rig.url, operator, { autoPong: false });
    const closed = new Promise<void>((resolve) => c.ws.on('close', () => resolve()));
    await closed;
    expect(c.ws.readyState).toBe(c.ws.CLOSED);
  });
});

describe('station WebSocket: calls', () => {
  it('answers a call with the result', async () => {
    const r = await client.call('devices.status', {});
    expect(r.ok).toBe(true);
    const items = (r as { result: { items: { role: string }[] } }).result.items;
    expect(items.map((i) => i.role).sort()).toEqual(['labelPrinter', 'scale', 'scanner']);
  });

  it('refuses bad params with a validation error naming the field, and saves nothing', async () => {
    const before = readFileSync(join(rig.dir, 'bench', 'devices.json'), 'utf8');
    const r = await client.call('devices.assign', { role: 'scale', setting: { address: 'usb-scale', protocol: 'mt-sics' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (r.ok) return;
    expect(r.error.issues?.[0]).toMatchObject({ path: 'setting.address' });
    expect(r.error.message).toMatch(/setting\.address: device address "usb-scale": no scheme/);
    const r2 = await client.call('devices.readWeight', { timeoutMs: 'soon' });
    expect(r2.ok === false && r2.error.issues?.[0]?.path).toBe('timeoutMs');
    expect(readFileSync(join(rig.dir, 'bench', 'devices.json'), 'utf8')).toBe(before);
  });

  it('says not_found for an unknown method and unavailable for one nobody serves yet', async () => {
    const r = await client.call('devices.selfDestruct', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const p = await client.call('pack.view', {});
    expect(p).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/pack\.view .* not available on this station yet/) } });
  });

  it('checks the role: an operator tests devices but may not change them; a viewer may not use them', async () => {
    const op = await connect(rig.url, operator);
    const r = await op.call('devices.assign', { role: 'labelPrinter', setting: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/an? operator may not .*ask a lead or admin/) } });
    expect((await op.call('devices.settings', {})).ok).toBe(true);
    op.close();
    const v = await connect(rig.url, viewer);
    expect(await v.call('devices.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    v.close();
  });

  it('answers bad JSON, a malformed request and an oversized one with an error reply and keeps the socket', async () => {
    client.sendRaw('{not json');
    expect(await client.nextReply()).toMatchObject({ id: -1, ok: false, error: { code: 'bad_request', message: expect.stringMatching(/not JSON/) } });
    client.sendRaw(JSON.stringify({ id: 77, params: {} }));
    expect(await client.nextReply()).toMatchObject({ id: 77, ok: false, error: { code: 'bad_request', issues: [{ path: 'method' }] } });
    client.sendRaw(JSON.stringify({ id: 78, method: 'devices.status', params: { pad: 'x'.repeat(70_000) } }));
    expect(await client.nextReply()).toMatchObject({ id: 78, ok: false, error: { code: 'payload_too_large' } });
    expect((await client.call('devices.settings', {})).ok).toBe(true);
  });
});

describe('station WebSocket: devices', () => {
  it('pushes live weights from the simulated scale, each poll once (10 a second)', async () => {
    rig.bench.scale.place(1850, 300);
    const stable = await client.waitEvent((e) => isWeight(e) && e.reading.stable && e.reading.grams === 1850, 5000);
    expect(isWeight(stable) && Math.abs(stable.reading.at - Date.now())).toBeLessThan(1000);
    const from = client.events.length;
    await new Promise((r) => setTimeout(r, 1000));
    const n = client.events.slice(from).filter(isWeight).length;
    expect(n).toBeGreaterThanOrEqual(5);
    expect(n).toBeLessThanOrEqual(11);
  });

  it('reads a stable weight, zeroes and tares on request', async () => {
    const w = await client.call('devices.readWeight', { minGrams: 1 });
    expect(w).toMatchObject({ ok: true, result: { grams: 1850, stable: true } });
    expect(await client.call('devices.tare', {})).toMatchObject({ ok: true });
    await client.waitEvent((e) => isWeight(e) && e.reading.grams === 0 && e.reading.stable);
    rig.bench.scale.remove(0);
    expect(await client.call('devices.zero', {})).toMatchObject({ ok: true });
  });

  it('prints a test label: the printer simulator receives it and the job is pushed as printed', async () => {
    const before = rig.bench.printer.labels.length;
    const r = await client.call('devices.testLabel', {});
    expect(r.ok).toBe(true);
    expect(rig.bench.printer.labels.length).toBe(before + 1);
    expect(rig.bench.printer.labels.at(-1)!.text).toMatch(/^\^XA/);
    const jobId = (r as { result: { jobId: string } }).result.jobId;
    // the push may arrive before the reply
    await expect.poll(() => client.events.some((e) => e.type === 'devices.job' && e.job.id === jobId && e.job.state === 'printed')).toBe(true);
    const jobs = await client.call('devices.jobs', { role: 'labelPrinter' });
    // the list holds what is not printed yet (queued, retrying, uncertain)
    expect(jobs).toMatchObject({ ok: true, result: { items: [] } });
    expect(await client.call('devices.checkPrinter', {})).toMatchObject({ ok: true, result: { ready: true, problems: [] } });
  });

  it('pushes a test scan from the serial scanner and remembers it as the last scan', async () => {
    await client.waitDevice('scanner', 'sim-scanner', 'connected'); // the station has its port open: a scan sent before may never reach it
    await rig.bench.scanner.scan('TEST-SCAN-42', ']C0');
    const e = await client.waitEvent((x) => x.type === 'devices.scan');
    expect(e).toMatchObject({ scan: { source: 'sim-scanner', code: 'TEST-SCAN-42', symbology: ']C0' } });
    const s = await client.call('devices.status', {});
    expect(s.ok && (s.result as { lastScans: { code: string }[] }).lastScans[0]?.code).toBe('TEST-SCAN-42');
  });

  it('a lead assigns a role: saved in the data folder, pushed to every screen, the state follows', async () => {
    const other = await connect(rig.url, operator);
    const cur = (await client.call('devices.settings', {})) as { ok: true; result: { labelPrinter: { address: string } } };
    const setting = { name: 'Packing label printer', address: cur.result.labelPrinter.address, language: 'zpl', statusCheck: false };
    const r = await client.call('devices.assign', { role: 'labelPrinter', setting });
    expect(r).toMatchObject({ ok: true, result: { labelPrinter: { name: 'Packing label printer', statusCheck: false } } });
    await other.waitEvent((e) => e.type === 'devices.settings' && e.settings.labelPrinter?.name === 'Packing label printer');
    await other.waitEvent((e) => e.type === 'devices.state' && e.device.role === 'labelPrinter' && e.device.name === 'Packing label printer');
    expect(JSON.parse(readFileSync(join(rig.dir, 'bench', 'devices.json'), 'utf8')).labelPrinter.name).toBe('Packing label printer');
    // adding and removing a scanner by id
    const add = await client.call('devices.assign', { role: 'scanner', setting: { id: 'hid-1', address: 'hid:05e0:1200' } });
    expect(add.ok && (add.result as { scanners: { id: string }[] }).scanners.map((s) => s.id)).toEqual(['sim-scanner', 'hid-1']);
    const rm = await client.call('devices.assign', { role: 'scanner', id: 'hid-1', setting: null });
    expect(rm.ok && (rm.result as { scanners: { id: string }[] }).scanners.map((s) => s.id)).toEqual(['sim-scanner']);
    const noId = await client.call('devices.assign', { role: 'scanner', setting: null });
    expect(noId).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'id' }] } });
    other.close();
  });

  it('lists the HID and serial devices of this PC', async () => {
    const r = await client.call('devices.list', {});
    expect(r.ok).toBe(true);
    const { devices, errors } = (r as { result: { devices: unknown[]; errors: string[] } }).result;
    expect(Array.isArray(devices) && Array.isArray(errors)).toBe(true);
  });
});

describe('the same bridge over IPC (the Electron main process hands calls over with the window cookie)', () => {
  it('authenticates with the session cookie and answers like the WebSocket', async () => {
    const ipc = createIpcBridge(rig.station.bridge, rig.station.core);
    expect(await ipc.call(null, 'devices.status', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await ipc.call('bogus', 'devices.status', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await ipc.call(operator, 42, {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await ipc.call(operator, 'devices.settings', {})).toMatchObject({ ok: true, result: { version: 1 } });
    expect(await ipc.call(operator, 'devices.assign', { role: 'scale', setting: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
