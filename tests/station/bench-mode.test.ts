// The bench's returns mode in Node: the real core over HTTP and a simulated serial scanner on a pty.
// Who may give the bench's device scanners to a Return bench (the pack bench's model), that each
// device scan then reaches exactly one workflow, and how the scanners come back to packing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRig, TEA, type BenchRig } from './pack-rig';
import { BADGE } from '../core/helpers';
import { SESSION_ENDED } from '../../src-main/contract/people';
import { PACK_COMMANDS } from '../../src-main/contract/pack';
import type { CallContext } from '../../src-main/station/bridge';
import type { Role } from '../../src-main/contract/people';

let rig: BenchRig;
beforeAll(async () => {
  rig = await startRig();
}, 60_000);
afterAll(async () => rig?.close());

const screen = (id: string, role: Role, sessionId: string, conn?: string): CallContext => ({ user: { id, name: `${role} ${id}`, role, sessionId }, token: 'none', via: 'ws', ...(conn ? { conn } : {}) });
const setMode = async (ctx: CallContext, mode: 'pack' | 'returns') => rig.bench.handlers['bench.mode']!({ mode }, ctx);
const refusal = (p: unknown) => Promise.resolve(p).then(() => 'allowed', (e: { code: string }) => e.code);

describe('returns mode of a bench', () => {
  it('is refused while an order is on the bench, and to a screen that does not drive it; nothing changes', async () => {
    await rig.freeBench();
    const op = rig.bench.station.view().operator!;
    const order = await rig.order({ sku: TEA.sku, qty: 1 });
    await rig.scan(order.number);
    expect(await refusal(setMode(screen(op.id, 'operator', 's-op'), 'returns'))).toBe('conflict');
    await rig.scan(PACK_COMMANDS.skip);
    expect(await refusal(setMode(screen('u-someone-else', 'operator', 's-other'), 'returns'))).toBe('forbidden');
    expect(rig.bench.station.view().mode).toEqual({ kind: 'pack', by: null });
  }, 30_000);

  it('sends every device scan to the Return bench alone, refuses pack input, and a lead switches it back (audited)', async () => {
    await rig.freeBench();
    const op = rig.bench.station.view().operator!;
    const returns = screen(op.id, 'operator', 's-op');
    const view = await setMode(returns, 'returns');
    expect(view.mode).toEqual({ kind: 'returns', by: { id: op.id, name: returns.user.name, role: 'operator' } });
    const got: string[] = [];
    const off = rig.bench.onReturnsScan((scan, to) => got.push(`${scan.code}@${to.sessionId}`));
    const seq = rig.bench.station.view().lastScan?.seq;
    // an item, a command and a badge: none is packed, none logs anyone in or out
    for (const code of [TEA.barcode, PACK_COMMANDS.logout, BADGE.lead]) await rig.sim.scanner.scan(code);
    await expect.poll(() => got.length).toBe(3);
    expect(got).toEqual([`${TEA.barcode}@s-op`, `${PACK_COMMANDS.logout}@s-op`, `${BADGE.lead}@s-op`]);
    expect(rig.bench.station.view().lastScan?.seq).toBe(seq);
    expect(rig.bench.station.view().operator?.id).toBe(op.id);
    expect(rig.bench.station.hidesScan(TEA.barcode)).toBe(true); // other screens see dots
    // pack input from a screen is refused meanwhile, also the operator's own
    expect(await refusal(rig.bench.handlers['pack.scan']!({ code: TEA.barcode }, screen(op.id, 'operator', 's-op')))).toBe('conflict');
    expect(await refusal(rig.bench.handlers['pack.login']!({}, screen('u-lead', 'lead', 's-lead')))).toBe('conflict');
    // another operator may neither take the scanners nor give them back; a lead gives them back
    expect(await refusal(setMode(screen('u-other', 'operator', 's-other'), 'returns'))).toBe('conflict');
    expect(await refusal(setMode(screen('u-other', 'operator', 's-other'), 'pack'))).toBe('forbidden');
    expect((await setMode(screen('u-lead', 'lead', 's-lead'), 'pack')).mode.kind).toBe('pack');
    const audit = readFileSync(join(rig.dataDir, 'station', 'B1.audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.slice(-2)).toMatchObject([
      { event: 'bench.mode', mode: 'returns', by: { id: op.id } },
      { event: 'bench.mode', mode: 'pack', by: { id: 'u-lead' }, from: { id: op.id } },
    ]);
    // packing again: the next device scan is the pack workflow's only
    await rig.scan('NOT-A-CODE-7');
    expect(got).toHaveLength(3);
    expect(rig.bench.station.view().lastScan?.code).toBe('NOT-A-CODE-7');
    off();
  }, 30_000);

  it("gives the scanners back to packing when the Return bench's session ends", async () => {
    await rig.freeBench();
    const op = rig.bench.station.view().operator!;
    await setMode(screen(op.id, 'operator', 's-op-2'), 'returns');
    rig.bench.station.changed({ id: 1, at: new Date().toISOString(), type: SESSION_ENDED, entity: 'session', entityId: 's-op-2', actor: op.id, data: { sessionId: 's-op-2' } });
    await rig.until((v) => v.mode.kind === 'pack', 'the bench packing again');
  }, 30_000);

  it('gives the scanners back when the Return bench tab closes and does not come back; a reconnect keeps them', async () => {
    await rig.freeBench();
    const op = rig.bench.station.view().operator!;
    // a dropped link: the same screen reconnects (a new connection) and claims them again in time
    await setMode(screen(op.id, 'operator', 's-op-3', 'tab-1'), 'returns');
    rig.bench.station.screenLeft(screen(op.id, 'operator', 's-op-3', 'tab-1'), 100);
    await setMode(screen(op.id, 'operator', 's-op-3', 'tab-2'), 'returns');
    await new Promise((r) => setTimeout(r, 300));
    expect(rig.bench.station.view().mode.kind).toBe('returns');
    // the tab closed for good
    rig.bench.station.screenLeft(screen(op.id, 'operator', 's-op-3', 'tab-2'), 100);
    await rig.until((v) => v.mode.kind === 'pack', 'the bench packing again');
  }, 30_000);
});
