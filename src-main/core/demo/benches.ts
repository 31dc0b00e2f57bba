// The demo shop's benches: two bench PCs paired this morning (Settings -> Benches lists them with
// their last contact); a visitor makes a code for a third.
import type { Core } from '../core';
import type { Actor } from '../store/events';
import { createBench, newPairingCode, pairBench } from '../modules/benches/actions/pairing';

export function seedDemoBenches(core: Core, system: Actor): void {
  const { ctx } = core;
  for (const b of [
    { name: 'Bench 1 · 打包台 1', printer: 'tcp://192.168.1.51:9100', scale: 'serial:/dev/ttyUSB0' },
    { name: 'Bench 2 · 打包台 2', printer: 'tcp://192.168.1.52:9100', scale: 'hid:0922:8003' },
  ]) {
    const bench = createBench(ctx, b, system);
    pairBench(ctx, newPairingCode(ctx, bench.id, system).code); // the token stays with the (imagined) bench PC
  }
}
