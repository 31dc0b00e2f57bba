// Every value the bench holds between an acknowledged scan and the label is in its journal: the
// station is dropped and opened again on the same journal file (the journal is fsync'd after every
// input, so this leaves what a kill -9 leaves; pack-crash.test.ts kills a real process).
import { it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startRig, TEA, type BenchRig } from './pack-rig';
import { BADGE, tempDir } from '../core/helpers';
import { BenchJournal, COMPACT_BYTES } from '../../src-main/station/pack/journal';
import { EMPTY, type Persisted } from '../../src-main/station/pack/state';
import { PACK_COMMANDS } from '../../src-main/contract/pack';

let rig: BenchRig;
beforeAll(async () => {
  rig = await startRig();
}, 60_000);
afterAll(async () => rig?.close());

beforeEach(async () => rig.freeBench());

it('a weight out of tolerance waiting for a lead survives a restart: the lead badge still lets it pass', async () => {
  const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
  await rig.scan(o.number);
  await rig.scan(TEA.barcode);
  await rig.until((x) => x.phase === 'weigh', 'the weigh step');
  rig.sim.scale.place(900, 100);
  await rig.until((x) => x.alert?.kind === 'overweight', 'an overweight stop');
  await rig.restartBench();
  // the journal holds no session: the operator scans in again, the stop is still there
  expect(rig.bench.station.view()).toMatchObject({ operator: null, alert: { kind: 'overweight', needs: 'lead' } });
  await rig.scan(BADGE.operator);
  expect(rig.bench.station.view()).toMatchObject({ phase: 'weigh', alert: { kind: 'overweight', needs: 'lead' } });
  await rig.scan(BADGE.lead);
  await rig.until((x) => x.phase === 'done' && x.order?.number === o.number, 'the lead override passing the parcel after the restart');
  const ex = await rig.server.as('lead', 'GET', '/api/exceptions?kind=weight_override');
  expect(ex.body.items.find((e: { orderId: string }) => e.orderId === o.id)?.reason).toMatch(/^weight 9\d\d g accepted at Bench 1$/);
});

it('a typed reason survives a restart: the short report after it carries it', async () => {
  const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }] });
  await rig.scan(o.number);
  await rig.scan(TEA.barcode);
  await rig.bench.station.reason('second tin dented: with the lead');
  await rig.restartBench();
  await rig.scan(BADGE.operator);
  await rig.scan(PACK_COMMANDS.short);
  await rig.until((x) => x.alert?.kind === 'short', 'the short acknowledged');
  const ex = await rig.server.as('lead', 'GET', '/api/exceptions?kind=short');
  expect(ex.body.items.find((e: { orderId: string }) => e.orderId === o.id)?.reason).toBe('second tin dented: with the lead');
});

it('after a restart, the labelled box still on the scale is not taken for the next box of the order', async () => {
  const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }] });
  const before = rig.sim.printer.labels.length;
  await rig.scan(o.number);
  await rig.scan(TEA.barcode);
  await rig.scan(PACK_COMMANDS.newBox);
  await rig.until((x) => x.phase === 'weigh' && x.parcel?.index === 1, 'box 1 to weigh');
  rig.sim.scale.place(TEA.weight, 100);
  await rig.until((x) => x.phase === 'verify' && x.parcel?.index === 2, 'box 2 started');
  await rig.sim.printer.waitForLabels(before + 1);
  await rig.restartBench(); // box 1 stays on the scale
  await rig.scan(BADGE.operator);
  await rig.scan(TEA.barcode);
  await rig.until((x) => x.phase === 'weigh' && x.parcel?.index === 2, 'box 2 to weigh');
  await new Promise((res) => setTimeout(res, 800));
  expect(rig.bench.station.view()).toMatchObject({ phase: 'weigh', alert: null });
  expect(rig.sim.printer.labels.length).toBe(before + 1);
  await rig.clearScale();
  rig.sim.scale.place(TEA.weight + 3, 100);
  await rig.until((x) => x.phase === 'done' && x.order?.number === o.number, 'box 2 weighed once it was put on the scale');
});

it('a journal written before tokens were kept off disk loses the token at the next start, and the operator scans in again', async () => {
  const file = join(rig.dataDir, 'station', 'B1.jsonl');
  const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!);
  const old = { ...last, operator: { id: 'usr_old', name: 'Old Operator', role: 'operator', token: 'pl_OLD-RAW-TOKEN-123' } };
  writeFileSync(file, `${JSON.stringify(old)}\n`, { mode: 0o644 });
  chmodSync(file, 0o644);
  await rig.restartBench();
  expect(rig.bench.station.view().operator).toBeNull();
  expect(readFileSync(file, 'utf8')).not.toContain('pl_OLD-RAW-TOKEN-123');
  expect(statSync(file).mode & 0o777).toBe(0o600);
});

it("a lead's override badge is never journaled: after a crash mid-confirm the lead scans it again and the parcel is labelled once", async () => {
  const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 1 }] });
  const before = rig.sim.printer.labels.length;
  await rig.scan(o.number);
  await rig.scan(TEA.barcode);
  await rig.until((x) => x.phase === 'weigh', 'the weigh step');
  rig.sim.scale.place(900, 100);
  await rig.until((x) => x.alert?.kind === 'overweight', 'an overweight stop');
  // what a kill -9 between journaling the confirm and the core's answer leaves (the badge blanked)
  const file = join(rig.dataDir, 'station', 'B1.jsonl');
  const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!);
  const cut = {
    ...last, phase: 'label', alert: null, pendingWeightG: null,
    confirming: { key: `B1:${o.id}:1:${Date.now()}`, measuredG: 900, final: true, override: { badge: '', reason: 'weight 900 g accepted at Bench 1' } },
  };
  writeFileSync(file, `${JSON.stringify(cut)}\n`, { mode: 0o600 });
  await rig.restartBench();
  expect(rig.bench.station.view()).toMatchObject({ operator: null, phase: 'label' });
  await rig.scan(BADGE.operator);
  expect(rig.bench.station.view()).toMatchObject({ phase: 'label', alert: { needs: 'lead' } });
  await rig.scan(TEA.barcode); // not a lead's badge: refused by the core, the stop stays
  await rig.until((x) => x.alert?.needs === 'lead', 'the stop still waiting for a lead');
  await rig.scan(BADGE.lead);
  await rig.until((x) => x.phase === 'done' && x.order?.number === o.number, 'the parcel labelled after the lead scanned again');
  await rig.sim.printer.waitForLabels(before + 1);
  expect((await rig.server.as('lead', 'GET', `/api/orders/${o.id}/parcels`)).body.items).toHaveLength(1);
  expect(readFileSync(file, 'utf8')).not.toContain(BADGE.lead);
});

it('a parcel leaving the bench appends one line (one fsync); the journal is rewritten to one line only once it has grown long', async () => {
  const dir = tempDir('packline-journal-');
  try {
    const journal = new BenchJournal(dir.dir, 'B9');
    const file = join(dir.dir, 'station', 'B9.jsonl');
    const lines = () => readFileSync(file, 'utf8').trim().split('\n');
    const state = (phase: Persisted['phase'], seq: number): Persisted => ({ ...EMPTY, phase, seq });
    journal.save(state('verify', 1));
    journal.save(state('done', 2));
    expect(lines()).toHaveLength(2); // appended, not rewritten: a parcel ends with one fsync
    let seq = 2;
    while (statSync(file).size <= COMPACT_BYTES) journal.save(state('verify', ++seq));
    journal.save(state('weigh', ++seq));
    expect(lines().length).toBeGreaterThan(2); // mid-parcel: still appended
    journal.save(state('done', ++seq));
    expect(lines()).toHaveLength(1);
    journal.close();
    expect(new BenchJournal(dir.dir, 'B9').load().seq).toBe(seq); // the last acknowledged state, after the rewrite too
  } finally {
    dir.cleanup();
  }
});

it("an order start is held by the core: if a power cut loses its journal line, the slip scanned again resumes the order and the next scans count", async () => {
  const o = await rig.order({ lines: [{ sku: TEA.sku, qty: 2 }] });
  const file = join(rig.dataDir, 'station', 'B1.jsonl');
  const before = readFileSync(file);
  await rig.scan(o.number);
  await rig.until((x) => x.phase === 'verify' && x.order?.number === o.number, 'the order started');
  // written for a kill -9 (the OS has it), only not fsync'd: the last line names the order
  const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!) as Persisted;
  expect(last.ticket?.number).toBe(o.number);
  // a power cut before the OS flushed it: the journal is as it was before the scan
  writeFileSync(file, before);
  await rig.restartBench();
  expect(rig.bench.station.view()).toMatchObject({ order: null });
  await rig.scan(BADGE.operator);
  // the core still holds the order for this bench: the slip resumes it, nothing is asked of a lead
  await rig.scan(o.number);
  await rig.until((x) => x.phase === 'verify' && x.order?.number === o.number && !x.alert, 'the order resumed from the core');
  await rig.scan(TEA.barcode);
  await rig.scan(TEA.barcode);
  await rig.until((x) => x.phase === 'weigh' && x.order?.number === o.number, 'both tins counted, the weigh step');
  const r = await rig.server.as('lead', 'GET', `/api/orders/${o.id}`);
  expect(r.body.state).toBe('packing');
});
