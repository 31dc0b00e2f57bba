// The bench logs a quiet operator out by itself, and the logout command does it at once.
import { it, expect, afterAll, beforeAll } from 'vitest';
import { startRig, type BenchRig } from './pack-rig';
import { BADGE } from '../core/helpers';
import { PACK_COMMANDS } from '../../src-main/contract/pack';

let rig: BenchRig;
beforeAll(async () => {
  rig = await startRig({ idleLogoutMs: 400 });
}, 60_000);
afterAll(async () => rig?.close());

it('logs out after the idle time and by the logout command; scans before a login are refused', async () => {
  await rig.scan(PACK_COMMANDS.newBox);
  expect(rig.bench.station.view().alert).toMatchObject({ kind: 'not_allowed' });
  await rig.scan(BADGE.operator);
  expect(rig.bench.station.view().operator?.role).toBe('operator');
  await rig.until((v) => v.operator === null && v.phase === 'login', 'the idle logout', 3000);
  await rig.scan(BADGE.lead);
  expect(rig.bench.station.view().operator?.role).toBe('lead');
  await rig.scan(PACK_COMMANDS.logout);
  expect(rig.bench.station.view()).toMatchObject({ operator: null, phase: 'login' });
});
