// The packing bench's targets (issue 5), on the real core over HTTP with simulated devices:
//   scan -> screen feedback p99 <= 50 ms (serial scanner on a pty -> the view a screen receives)
//   cancel at the core -> blocked screen p99 <= 100 ms (POST cancel -> the stop view)
//   software time per parcel <= 150 ms (order scan -> label queued, device physics excluded:
//   scans and the stable weight are handed to the station directly)
// Baselines measured in the same run: the bare scanner path (pty -> hub scan event) and the bare
// change feed (POST -> an SSE event at a plain client).
import { startRig, TEA, CUP } from '../tests/station/pack-rig';
import { BADGE, sseClient } from '../tests/core/helpers';
import { PACK_COMMANDS } from '../src-main/contract/pack';
import { stats, writeResult } from './lib';

const rig = await startRig();
const station = () => rig.bench.station;


await rig.scan(BADGE.operator);

// 1. scan -> view, through the real serial scanner simulator; the hub's own scan event is the baseline
async function timedScan(code: string): Promise<{ total: number; bare: number }> {
  const seq = station().view().lastScan?.seq ?? 0;
  let bare = NaN;
  const t0 = performance.now();
  const off = rig.sim.hub.on('scan', (s) => {
    if (s.code === code && Number.isNaN(bare)) bare = performance.now() - t0;
  });
  const shown = rig.until((v) => (v.lastScan?.seq ?? 0) > seq, `the result of ${code}`);
  await rig.sim.scanner.scan(code);
  await shown;
  off();
  return { total: performance.now() - t0, bare };
}
const orderScanMs: number[] = [];
const itemScanMs: number[] = [];
const bareScanMs: number[] = [];
for (let i = 0; i < 200; i++) {
  const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }, { sku: CUP.sku, qty: 1 }] });
  orderScanMs.push((await timedScan(o.number)).total);
  const item = await timedScan(TEA.barcode);
  itemScanMs.push(item.total);
  bareScanMs.push(item.bare);
  await station().scan(PACK_COMMANDS.skip);
}

// 2. cancel at the core -> stop on the bench; baseline: the same kind of event at a bare SSE client
const cancelMs: number[] = [];
const feedMs: number[] = [];
const lead = await rig.server.tokenFor('lead');
const bareFeed = sseClient(rig.server.url, lead);
for (let i = 0; i < 100; i++) {
  const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
  await station().scan(o.number);
  const seen = bareFeed.events.length;
  const t0 = performance.now();
  const stopped = rig.until((v) => v.alert?.kind === 'cancelled', 'cancel stop', 5000);
  const feedSeen = (async () => {
    while (!bareFeed.events.slice(seen).some((e) => e.data?.entityId === o.id && String(e.data?.type).includes('cancel'))) await new Promise((r) => setTimeout(r, 1));
    feedMs.push(performance.now() - t0);
  })();
  await rig.server.as('lead', 'POST', `/api/orders/${o.id}/actions/cancel`, { reason: 'bench' });
  await stopped;
  cancelMs.push(performance.now() - t0);
  await feedSeen;
  await station().scan(PACK_COMMANDS.skip);
}
bareFeed.close();

// 3. software time per parcel: order scan -> label queued, scans and weight handed in directly
const parcelMs: number[] = [];
for (let i = 0; i < 150; i++) {
  const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }, { sku: CUP.sku, qty: 1 }] });
  station().weighed({ grams: 0, stable: true, status: 'stable' });
  const queued = new Promise<void>((r) => {
    const off = rig.sim.hub.on('job', (j) => j.state === 'queued' && (off(), r()));
  });
  const t0 = performance.now();
  await station().scan(o.number);
  await station().scan(TEA.barcode);
  await station().scan(TEA.barcode);
  await station().scan(CUP.barcode);
  station().weighed({ grams: 2 * TEA.weight + CUP.weight, stable: true, status: 'stable' });
  await Promise.race([queued, rig.until((v) => v.phase === 'done' && v.lastLabel?.at !== undefined && v.order?.number === o.number, 'done')]);
  await rig.until((v) => v.phase === 'done' && v.order?.number === o.number, 'done');
  parcelMs.push(performance.now() - t0);
}

const scan = stats(itemScanMs.slice(20));
const orderScan = stats(orderScanMs.slice(20));
const cancel = stats(cancelMs);
const parcel = stats(parcelMs.slice(10));
writeResult('station', {
  scan_item_to_view: scan,
  scan_order_to_view: orderScan,
  baseline_scan_pty_to_hub: stats(bareScanMs.slice(20)),
  cancel_to_stop: cancel,
  baseline_cancel_to_bare_sse: stats(feedMs),
  parcel_software: parcel,
  targets: [
    { what: 'scan to screen feedback p99 (item scan, serial pty)', target: '<= 50 ms', measured: `${scan.p99_ms} ms`, met: scan.p99_ms <= 50 },
    { what: 'scan to screen feedback p99 (order scan: look-up and start at the core, one round trip)', target: '<= 50 ms', measured: `${orderScan.p99_ms} ms`, met: orderScan.p99_ms <= 50 },
    { what: 'cancel at the core to blocked screen p99', target: '<= 100 ms', measured: `${cancel.p99_ms} ms`, met: cancel.p99_ms <= 100 },
    { what: 'software time per parcel, median (p99)', target: '<= 150 ms', measured: `${parcel.median_ms} ms (${parcel.p99_ms} ms)`, met: parcel.median_ms <= 150 },
  ],
});
await rig.close();
process.exit(0);
