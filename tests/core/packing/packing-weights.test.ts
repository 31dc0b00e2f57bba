// Weight learning over the real HTTP server: parcels with exactly one SKU of unknown weight propose
// its unit weight, several parcels average, a lead accepts (the SKU gets the weight, audited) or rejects.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startPackShop, newOrder, postParcel, start, type PackShop } from './fixture';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
});
afterAll(() => shop.s.close());

/** Starts an order with these lines and labels it as one parcel weighing `grams`. */
async function packOne(lines: { sku: string; qty: number }[], items: { skuId: string; qty: number }[], grams: number, boxTypeId: string | null = null) {
  const { s } = shop;
  const o = await newOrder(s, lines);
  const v = (await start(s, o.id)).body.order.version;
  const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId, items, measuredG: grams, final: true });
  expect(r.status).toBe(201);
  return r.body;
}

const proposals = async () => (await shop.s.as('viewer', 'GET', '/api/weight-proposals')).body.items as { sku: string; proposedG: number; samples: number; units: number; minG: number; maxG: number }[];

describe('weight proposals', () => {
  it('learn from parcels with one unknown SKU, average over parcels (by units), and ignore voided parcels and mixed unknowns', async () => {
    const { s, sku, box } = shop;
    // 80 g box + 100 g SKU-A + 2 x SKU-N = 480 g -> 150 g each; no weight check (expected is unknown)
    const first = await packOne([{ sku: 'SKU-A', qty: 1 }, { sku: 'SKU-N', qty: 2 }], [{ skuId: sku.A, qty: 1 }, { skuId: sku.N, qty: 2 }], 480, box.S);
    expect(first.parcel).toMatchObject({ expectedG: null, minG: null, maxG: null });
    await packOne([{ sku: 'SKU-N', qty: 1 }], [{ skuId: sku.N, qty: 1 }], 160);
    // both unknown: nothing to learn from it
    await packOne([{ sku: 'SKU-N', qty: 1 }, { sku: 'SKU-M', qty: 1 }], [{ skuId: sku.N, qty: 1 }, { skuId: sku.M, qty: 1 }], 700);
    expect(await proposals()).toEqual([{ skuId: sku.N, sku: 'SKU-N', name: 'Product SKU-N', proposedG: 153, samples: 2, units: 3, minG: 150, maxG: 160, lastAt: expect.any(String) }]);

    const odd = await packOne([{ sku: 'SKU-N', qty: 1 }], [{ skuId: sku.N, qty: 1 }], 900);
    expect((await proposals())[0]).toMatchObject({ samples: 3, maxG: 900 });
    await s.as('operator', 'POST', `/api/parcels/${odd.parcel.id}/void`, { reason: 'wrong item in the box' });
    expect((await proposals())[0]).toMatchObject({ proposedG: 153, samples: 2 });
  });

  it('a lead accepts: the SKU gets the weight (audited), later parcels with it are weight-checked', async () => {
    const { s, sku } = shop;
    expect((await s.as('operator', 'POST', `/api/weight-proposals/${sku.N}/accept`, {})).status).toBe(403);
    const r = await s.as('lead', 'POST', `/api/weight-proposals/${sku.N}/accept`, {});
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ skuId: sku.N, sku: 'SKU-N', unitWeightG: 153 });
    expect((await s.as('viewer', 'GET', `/api/skus/${sku.N}`)).body.unitWeightG).toBe(153);
    const ev = s.core.db.prepare("SELECT actor, data FROM events WHERE entity_id = ? AND type = 'sku.weight_learned'").get(sku.N) as { actor: string; data: string };
    expect(JSON.parse(ev.data)).toMatchObject({ unitWeightG: 153, proposedG: 153, samples: 2, corrected: false });
    expect((await proposals()).map((p) => p.sku)).not.toContain('SKU-N');
    const again = await s.as('lead', 'POST', `/api/weight-proposals/${sku.N}/accept`, {});
    expect(again.status).toBe(409);
    const checked = await packOne([{ sku: 'SKU-N', qty: 2 }], [{ skuId: sku.N, qty: 2 }], 300);
    expect(checked.parcel).toMatchObject({ expectedG: 306, minG: 256, maxG: 356 });
  });

  it('a lead rejects: the samples so far stop counting, new parcels propose again; accepting with grams corrects it', async () => {
    const { s, sku } = shop;
    await packOne([{ sku: 'SKU-M', qty: 1 }], [{ skuId: sku.M, qty: 1 }], 520);
    expect((await proposals()).find((p) => p.sku === 'SKU-M')).toMatchObject({ proposedG: 520, samples: 1 });
    expect((await s.as('lead', 'POST', `/api/weight-proposals/${sku.M}/reject`, { reason: 'box had a manual in it' })).status).toBe(200);
    expect((await proposals()).find((p) => p.sku === 'SKU-M')).toBeUndefined();
    expect((await s.as('lead', 'POST', `/api/weight-proposals/${sku.M}/reject`, {})).status).toBe(404);
    await packOne([{ sku: 'SKU-M', qty: 2 }], [{ skuId: sku.M, qty: 2 }], 960);
    expect((await proposals()).find((p) => p.sku === 'SKU-M')).toMatchObject({ proposedG: 480, samples: 1 });
    const r = await s.as('lead', 'POST', `/api/weight-proposals/${sku.M}/accept`, { grams: 475 });
    expect(r.body.unitWeightG).toBe(475);
  });
});
