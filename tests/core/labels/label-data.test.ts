// A parcel's label crosses the wire as the contract's LabelData, complete (every default filled in),
// and a reprint carries the same data as the first print.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { LabelData } from '../../../src-main/contract/labels';
import { startPackShop, newOrder, postParcel, start, type PackShop } from '../packing/fixture';

let shop: PackShop;
beforeAll(async () => {
  shop = await startPackShop();
});
afterAll(() => shop.s.close());

describe('label data of a parcel', () => {
  it('is the contract LabelData with nothing left to default, and a reprint sends the same', async () => {
    const { s, sku, box } = shop;
    const o = await newOrder(s, [{ sku: 'SKU-B', qty: 2 }]);
    const v = (await start(s, o.id)).body.order.version;
    const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: v, boxTypeId: box.S, items: [{ skuId: sku.B, qty: 2 }], measuredG: 580, final: true });
    expect(r.status).toBe(201);
    const label = r.body.label;
    expect(LabelData.parse(label)).toEqual(label);
    expect(label).toMatchObject({
      order: { id: o.id, number: o.number },
      parcel: { index: 1, count: 1, weightG: 580, waybill: r.body.parcel.waybill },
      carrier: { code: 'sf' },
      items: [{ sku: 'SKU-B', qty: 2 }],
    });
    const again = await s.as('operator', 'POST', `/api/parcels/${r.body.parcel.id}/reprint`, { reason: 'label smudged' });
    expect(again.status).toBe(200);
    expect({ ...again.body.label, printedAt: undefined }).toEqual({ ...label, printedAt: undefined });
  });

  it('refuses a label that is not LabelData, naming the field', () => {
    const r = LabelData.safeParse({ order: { id: 'ord_1', number: 'PL1' }, parcel: { index: 0 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('parcel.index');
  });
});
