// Property: a merged parcel never packs another buyer's line. Random orders from a few buyers (some
// writing the same address differently, some at the next door, another carrier, held or cancelled)
// on the real core; whichever order the bench scans, every line on its ticket belongs to an order of
// the same recipient and address, on the same channel and carrier, that was mergeable (allocated).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { addSku, openTestCore, orderInput, SYSTEM } from '../helpers';
import type { Core } from '../../../src-main/core/core';
import { createOrderRequest } from '../../../src-main/core/modules/orders/actions/order-requests';
import { applyOrderAction } from '../../../src-main/core/modules/orders/actions/apply-action';
import { startPacking } from '../../../src-main/core/modules/packing/actions/start-packing';
import { putMergeSettings } from '../../../src-main/core/modules/merges/actions/merge';
import { addressFingerprint } from '../../../src-main/core/modules/merges/fingerprint';
import type { Address } from '../../../src-main/contract/orders';

let core: Core;
beforeAll(() => {
  core = openTestCore();
  addSku(core, 'SKU-A', { onHand: 100_000 });
  addSku(core, 'SKU-B', { onHand: 100_000 });
  core.writes.runNow(() => putMergeSettings(core.ctx, { enabled: true, channels: [] }, SYSTEM));
});
afterAll(() => core.close());

const BASE: Address = { name: '王芳', phone: '13700000000', country: 'CN', province: '四川省', city: '成都市', district: '武侯区', address1: '天府大道100号', postcode: '610000' };
/** Buyer n's address, as one of several spellings or a neighbour's door. */
const addressOf = (buyer: number, variant: number): Address => {
  const phone = `1370000000${buyer}`;
  switch (variant) {
    case 0: return { ...BASE, phone };
    case 1: return { ...BASE, phone: `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`, address1: ' 天府大道１００号 ' };
    case 2: return { ...BASE, phone, address1: '天府大道102号' }; // the next door
    default: return { ...BASE, phone, name: '王芳芳' }; // someone else at that door
  }
};

const orderArb = fc.record({
  buyer: fc.integer({ min: 0, max: 1 }), variant: fc.constantFrom(0, 0, 1, 1, 2, 3), sku: fc.constantFrom('SKU-A', 'SKU-B'), qty: fc.integer({ min: 1, max: 3 }),
  carrier: fc.constantFrom('sf', 'sf', 'sf', 'zto'), then: fc.constantFrom('none', 'none', 'none', 'hold', 'cancel'),
});

let run = 0;
let merged = 0;
describe('a merged parcel', () => {
  it("never packs another buyer's line", () => {
    fc.assert(fc.property(fc.array(orderArb, { minLength: 3, maxLength: 8 }), fc.nat(), (specs, pick) => {
      run++;
      const made = specs.map((o, i) => {
        const shipTo = addressOf(o.buyer + run * 10, o.variant);
        const id = core.writes.runNow(() => createOrderRequest(core.ctx, { ...orderInput(), externalId: `P-${run}-${i}`, shipTo, lines: [{ sku: o.sku, qty: o.qty }], carrier: o.carrier }, SYSTEM, null)).orderId;
        if (o.then !== 'none') core.writes.runNow(() => applyOrderAction(core.ctx, id, o.then as 'hold' | 'cancel', SYSTEM, { reason: 'property' }));
        return { id, shipTo, carrier: o.carrier, then: o.then };
      });
      const host = made[pick % made.length]!;
      if (host.then !== 'none') return;
      const ticket = core.writes.runNow(() => startPacking(core.ctx, host.id, { bench: `P${run}` }, SYSTEM));
      const byNumber = new Map(made.map((m) => [core.db.prepare('SELECT number FROM orders WHERE id = ?').pluck().get(m.id) as string, m]));
      for (const l of ticket.lines) {
        const of = l.orderNumber ? byNumber.get(l.orderNumber)! : host;
        expect(of).toBeDefined();
        expect(addressFingerprint(of.shipTo)).toBe(addressFingerprint(host.shipTo));
        expect(of.carrier).toBe(host.carrier);
        expect(of.then).toBe('none');
      }
      for (const m of ticket.mergedOrders ?? []) expect(byNumber.get(m.number)).toBeDefined();
      if (ticket.mergedOrders?.length) merged++;
    }), { numRuns: 120 });
    // The property was tried on real merges, not only on single orders. 9-20 of 60 shops merge (6 runs
    // measured); at 60 one run in CI merged 3: 120 shops keep this check off the random tail.
    expect(merged).toBeGreaterThan(5);
  });
});
