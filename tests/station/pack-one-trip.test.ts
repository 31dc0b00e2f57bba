// An order scan costs the bench one round trip to the core (it was two: lookup, then packStart),
// counted on the bench's own link to the real core; a refused order is shown as before, also in one.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, addSku, SYSTEM, orderInput, tempDir, BADGE, type TestServer } from '../core/helpers';
import { addWaybillRange } from '../../src-main/core/modules/shipping/actions/waybill-ranges';
import { startSimulatedBench, type SimulatedBench } from '../../src-main/devices/simulators/bench';
import { createLabelRenderer, type LabelRenderer } from '../../src-main/labels/worker/pool';
import { startPackBench, type PackBench } from '../../src-main/station/pack';
import { createCoreClient } from '../../src-main/station/core-client';
import { PACK_COMMANDS, type PackView } from '../../src-main/contract/pack';
import { waitHubDevice } from './helpers';

const TEA = { sku: 'TEA-100', barcode: '6901234567892' };
let server: TestServer;
let sim: SimulatedBench;
let labels: LabelRenderer;
let bench: PackBench;
const devDir = tempDir('packline-one-trip-');
/** the bench's requests to the core, but the change feed's long-lived one */
const requests: string[] = [];

beforeAll(async () => {
  server = await startCore({
    setup: (core) => {
      addSku(core, TEA.sku, { onHand: 100, barcodes: [{ code: TEA.barcode, units: 1 }] });
      core.writes.runNow(() => addWaybillRange(core.db, core.ctx.clock, { carrier: 'SF', scheme: 'mod10', prefix: 'SF', width: 11, first: 10000000000, last: 10000099999 }, SYSTEM));
    },
  });
  sim = await startSimulatedBench(devDir.dir);
  labels = createLabelRenderer();
  const counted: typeof fetch = (input, init) => {
    const url = String(input);
    if (!url.endsWith('/api/events')) requests.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    return fetch(input, init);
  };
  bench = await startPackBench({ dataDir: devDir.dir, coreUrl: server.url, client: createCoreClient(server.url, { fetch: counted }), hub: sim.hub, labels });
  await waitHubDevice(sim.hub, 'scanner', 'sim-scanner'); // a scan sent before the station opens its port may never reach it
  await scan(BADGE.operator);
}, 60_000);
afterAll(async () => {
  bench?.stop();
  await labels?.close();
  await sim?.stop();
  await server?.close();
  devDir.cleanup();
});

/** A scan through the simulated serial scanner; the view that shows its result. */
function scan(code: string): Promise<PackView> {
  const seq = bench.station.view().lastScan?.seq ?? 0;
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no result for the scan of ${code}`)), 5000);
    const off = bench.onView((v) => {
      if ((v.lastScan?.seq ?? 0) <= seq) return;
      clearTimeout(t);
      off();
      resolve(v);
    });
    void sim.scanner.scan(code);
  });
}

async function newOrder() {
  const r = await server.as('lead', 'POST', '/api/orders', orderInput({ carrier: 'SF', lines: [{ sku: TEA.sku, qty: 1 }] }), { 'Idempotency-Key': `k-${Math.random()}` });
  return r.body as { id: string; number: string };
}

describe('an order scan at the bench', () => {
  it('brings the order onto the bench in one request to the core', async () => {
    const o = await newOrder();
    requests.length = 0;
    const v = await scan(o.number);
    expect(v).toMatchObject({ phase: 'verify', order: { number: o.number }, lastScan: { result: 'ok' } });
    expect(requests).toEqual(['POST /api/pack/scan']);
    expect((await server.as('viewer', 'GET', `/api/orders/${o.id}`)).body.state).toBe('packing');
    requests.length = 0;
    await scan(TEA.barcode); // the item is checked on the bench itself
    await scan(PACK_COMMANDS.skip);
    expect(requests).toEqual([]);
  });

  it('a cancelled order is refused with the core\'s words in one request, and stays as it was', async () => {
    const o = await newOrder();
    expect((await server.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'buyer cancelled' })).status).toBe(200);
    const was = (await server.as('viewer', 'GET', `/api/orders/${o.id}`)).body;
    requests.length = 0;
    const v = await scan(o.number);
    expect(requests).toEqual(['POST /api/pack/scan']);
    expect(v.lastScan).toMatchObject({ result: 'error', message: { key: 'core_order_state' } });
    expect(v.alert).toMatchObject({ kind: 'wrong_order' });
    expect(v.order).toBeNull();
    expect((await server.as('viewer', 'GET', `/api/orders/${o.id}`)).body).toMatchObject({ state: 'cancelled', version: was.version });
  });
});
