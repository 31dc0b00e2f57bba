// The demo shop's benches: the two benches its parcels, waves and board name (bench-1 and bench-2,
// as its stations called themselves before pairing existed), now paired bench PCs in the default
// warehouse (Settings -> Benches lists them with their last contact; demo/warehouses.ts puts a
// third, waiting for its code, in Chengdu); a visitor makes a code for another.
import type { Core } from '../core';
import type { Actor } from '../store/events';
import { newPairingCode, pairBench, placeBenches, updateBench } from '../modules/benches/actions/pairing';
import { defaultWarehouseOf } from '../modules/locations/queries';

export function seedDemoBenches(core: Core, system: Actor): void {
  const { ctx } = core;
  const benches = [
    { id: 'bench-1', name: 'Bench 1 · 打包台 1', printer: 'tcp://192.168.1.51:9100', scale: 'serial:/dev/ttyUSB0' },
    { id: 'bench-2', name: 'Bench 2 · 打包台 2', printer: 'tcp://192.168.1.52:9100', scale: 'hid:0922:8003' },
  ];
  // the station names become benches (ids kept, so the demo's records name them), then get their names and devices
  placeBenches(ctx, defaultWarehouseOf(ctx), benches.map((b) => b.id), system);
  for (const { id, ...b } of benches) {
    updateBench(ctx, id, b, system);
    pairBench(ctx, newPairingCode(ctx, id, system).code); // the token stays with the (imagined) bench PC
  }
}
