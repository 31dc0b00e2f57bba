// End of day on a real core: orders packed at the bench into labelled parcels (the packing core),
// the carrier handover manifest with its counts and total weight, orders shipped, the PDF.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../src-main/core/core';
import { startPacking } from '../../../src-main/core/modules/packing/actions/start-packing';
import { createParcel } from '../../../src-main/core/modules/packing/actions/create-parcel';
import { voidParcel } from '../../../src-main/core/modules/packing/actions/void-parcel';
import { addWaybillRange } from '../../../src-main/core/modules/shipping/actions/waybill-ranges';
import { createBoxType } from '../../../src-main/core/modules/catalog/actions/create-box-type';
import { handOver } from '../../../src-main/core/modules/shipping/actions/hand-over';
import { pendingHandover, pendingParcels, listManifests } from '../../../src-main/core/modules/shipping/queries';
import { shiftBoard } from '../../../src-main/core/modules/board/queries';
import { DEMO_WAYBILL_RANGES } from '../../../src-main/core/demo/seed';
import { AppError } from '../../../src-main/lib/errors';
import { startCore, snapshot, count, SYSTEM, type TestServer } from '../helpers';
import { stockWarehouse, order, stateOf } from '../waves/fixture';

let s: TestServer;
let core: Core;
const BOX_TARE = 80;

/** Packs an order at a bench: one parcel per list of [sku id, qty], each weighed exactly. */
function pack(orderId: string, parcels: [string, number][][], bench = 'B1'): string[] {
  return core.writes.runNow(() => {
    const t = startPacking(core.ctx, orderId, { bench }, SYSTEM);
    const box = t.boxTypes[0]!;
    let version = t.order.version;
    return parcels.map((items, i) => {
      const units = items.reduce((n, [, q]) => n + q, 0);
      const r = createParcel(core.ctx, orderId, {
        bench, expectedVersion: version, boxTypeId: box.id, items: items.map(([skuId, qty]) => ({ skuId, qty })), measuredG: BOX_TARE + 100 * units, final: i === parcels.length - 1,
      }, SYSTEM);
      version = r.order.version;
      return r.parcel.id;
    });
  });
}

let ids: Record<string, string>;
let sf1: string, sf2: string, sf3: string, zto1: string, packing: string;
let voided: string;

beforeAll(async () => {
  s = await startCore({
    setup: (c) => {
      ids = stockWarehouse(c);
      c.writes.runNow(() => {
        for (const r of DEMO_WAYBILL_RANGES.filter((x) => x.carrier === 'sf' || x.carrier === 'zto')) addWaybillRange(c.db, c.ctx.clock, r, SYSTEM);
        createBoxType(c.ctx, { code: 'BOX-M', name: 'Medium', tareG: BOX_TARE, maxWeightG: 20_000 }, SYSTEM);
      });
    },
  });
  core = s.core;
  sf1 = order(core, [['TEA-1', 1]], { carrier: 'sf' });
  sf2 = order(core, [['CUP-1', 2], ['POT-1', 1]], { carrier: 'sf' });
  sf3 = order(core, [['TEA-2', 3]], { carrier: 'sf' });
  zto1 = order(core, [['BAG-1', 1]], { carrier: 'zto' });
  packing = order(core, [['PEN-1', 2]], { carrier: 'sf' });
  pack(sf1, [[[ids['TEA-1']!, 1]]]);
  pack(sf2, [[[ids['CUP-1']!, 2]], [[ids['POT-1']!, 1]]], 'B2'); // two parcels: 280 g and 180 g
  // sf3: a first parcel voided and packed again, so one live parcel of 380 g
  core.writes.runNow(() => {
    const t = startPacking(core.ctx, sf3, { bench: 'B1' }, SYSTEM);
    const r = createParcel(core.ctx, sf3, { bench: 'B1', expectedVersion: t.order.version, boxTypeId: t.boxTypes[0]!.id, items: [{ skuId: ids['TEA-2']!, qty: 3 }], measuredG: BOX_TARE + 300, final: true }, SYSTEM);
    voided = r.parcel.id;
    voidParcel(core.ctx, r.parcel.id, 'label smudged', SYSTEM);
  });
  pack(sf3, [[[ids['TEA-2']!, 3]]]);
  pack(zto1, [[[ids['BAG-1']!, 1]]]);
  core.writes.runNow(() => startPacking(core.ctx, packing, { bench: 'B2' }, SYSTEM)); // still on the bench: not handed over
});
afterAll(() => s.close());

describe('carrier handover manifest', () => {
  it('lists per carrier the labelled parcels of packed orders, with counts and total weight', () => {
    expect(['packed', 'packed', 'packed', 'packed', 'packing']).toEqual([sf1, sf2, sf3, zto1, packing].map((id) => stateOf(core, id)));
    expect(pendingHandover(core.ctx)).toEqual([
      { carrier: 'sf', parcels: 4, orders: 3, weightG: 180 + 280 + 180 + 380 },
      { carrier: 'zto', parcels: 1, orders: 1, weightG: 180 },
    ]);
    const rows = pendingParcels(core.ctx, 'sf');
    expect(rows.map((r) => r.parcelId)).not.toContain(voided);
    expect(rows.filter((r) => r.orderId === sf2).map((r) => `${r.seq}/${r.count}`)).toEqual(['1/2', '2/2']);
    expect(rows[0]!.destination).toBe('深圳市 广东省 CN');
  });

  it('shows parcels per bench on the lead board', () => {
    const benches = shiftBoard(core.ctx).benches;
    expect(benches.map((b) => [b.bench, b.parcelsToday, b.packing])).toEqual([['B1', 3, 0], ['B2', 2, 1]]);
  });

  it('hands over: one manifest with each parcel once and the totals, the orders ship; a second handover is refused', async () => {
    const r = await s.as('lead', 'POST', '/api/manifests', { carrier: 'sf' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ number: 'M-0001', carrier: 'sf', parcels: 4, orders: 3, weightG: 1020 });
    expect(r.body.items.reduce((g: number, p: any) => g + p.weightG, 0)).toBe(r.body.weightG);
    expect(new Set(r.body.items.map((p: any) => p.parcelId)).size).toBe(4);
    expect([sf1, sf2, sf3].map((id) => stateOf(core, id))).toEqual(['shipped', 'shipped', 'shipped']);
    expect(stateOf(core, zto1)).toBe('packed');
    expect(pendingHandover(core.ctx).map((p) => p.carrier)).toEqual(['zto']);

    const before = snapshot(core);
    const again = await s.as('lead', 'POST', '/api/manifests', { carrier: 'sf' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('no packed parcels are waiting for carrier sf');
    expect(snapshot(core)).toEqual(before);
    expect(count(core, 'manifest_parcels')).toBe(4);
    expect((await s.as('operator', 'POST', '/api/manifests', { carrier: 'zto' })).status).toBe(403);
    expect(listManifests(core.ctx, 10).map((m) => m.number)).toEqual(['M-0001']);
  });

  it('prints the manifest as a PDF with the parcels and the totals', async () => {
    const res = await fetch(`${s.url}/api/manifests/M-0001/manifest.pdf`, { headers: { Authorization: `Bearer ${await s.tokenFor('lead')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = join(s.dir, 'manifest.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Parcels 4\s+.*Orders 3\s+.*Total 1\.02 kg/);
    const waybills = core.db.prepare("SELECT waybill FROM parcels WHERE state = 'labelled' AND carrier = 'sf'").pluck().all() as string[];
    for (const w of waybills) expect(text).toContain(w);
  });

  it('refuses a carrier with nothing waiting, naming it', () => {
    try {
      core.writes.runNow(() => handOver(core.ctx, 'ems', SYSTEM));
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).message).toBe('no packed parcels are waiting for carrier ems');
    }
  });
});
