// The router over thousands of random shops (fast-check): it never sends an order to a warehouse
// that lacks stock for it when another warehouse has all of it; when none has all, it picks one
// with the most units and the transfer suggestions cover exactly the shortfall.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { routeOrder, regionWarehouse, splitOrderLines, type RoutingConfig } from '../../../src-main/core/modules/dispatch/router';

const WAREHOUSES = ['wh_gz', 'wh_cd', 'wh_sh', 'wh_bj'];
const SKUS = ['s1', 's2', 's3', 's4', 's5'];
const PROVINCES = ['四川省', '重庆市', '湖北省', '广东省', '浙江省', '云南省'];

const shop = fc.record({
  warehouses: fc.shuffledSubarray(WAREHOUSES, { minLength: 1 }),
  stock: fc.dictionary(fc.constantFrom(...SKUS.flatMap((s) => WAREHOUSES.map((w) => `${s}|${w}`))), fc.nat(12)),
  rules: fc.array(fc.record({ warehouseId: fc.constantFrom(...WAREHOUSES), provinces: fc.subarray(PROVINCES.map((p) => p.slice(0, 2))), cities: fc.constant([]) }), { maxLength: 3 }),
  lines: fc.array(fc.record({ skuId: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 4 }),
  province: fc.constantFrom(...PROVINCES),
});

function need(lines: { skuId: string; qty: number }[]) {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l.skuId, (m.get(l.skuId) ?? 0) + l.qty);
  return m;
}

describe('router (property)', () => {
  it('never assigns a warehouse without the stock when another warehouse has it, and its transfers cover the shortfall exactly', () => {
    fc.assert(fc.property(shop, (s) => {
      const config: RoutingConfig = { enabled: true, defaultWarehouseId: s.warehouses[0]!, order: s.warehouses, rules: s.rules.filter((r) => s.warehouses.includes(r.warehouseId)) };
      const available = (sku: string, w: string) => s.stock[`${sku}|${w}`] ?? 0;
      const d = routeOrder(config, { province: s.province, city: '某市' }, s.lines, available);
      const units = (w: string) => [...need(s.lines)].reduce((n, [sku, q]) => n + Math.min(q, available(sku, w)), 0);
      const total = [...need(s.lines).values()].reduce((a, b) => a + b, 0);
      expect(s.warehouses).toContain(d.warehouseId);
      const full = s.warehouses.filter((w) => units(w) === total);
      if (full.length) {
        expect(units(d.warehouseId)).toBe(total); // a warehouse with everything always wins
        expect(d.transfers).toEqual([]);
        // ...and among those, the region's warehouse when it is one of them
        const region = regionWarehouse(config.rules, { province: s.province });
        if (region && full.includes(region)) expect(d.warehouseId).toBe(region);
      } else {
        expect(d.reason).toBe('short');
        expect(units(d.warehouseId)).toBe(Math.max(...s.warehouses.map(units))); // the most units
        const moved = new Map<string, number>();
        for (const t of d.transfers) {
          expect(t.fromWarehouseId).not.toBe(d.warehouseId);
          if (t.fromWarehouseId) expect(t.qty).toBeLessThanOrEqual(available(t.skuId, t.fromWarehouseId));
          moved.set(t.skuId, (moved.get(t.skuId) ?? 0) + t.qty);
        }
        for (const [sku, q] of need(s.lines)) expect(moved.get(sku) ?? 0).toBe(q - Math.min(q, available(sku, d.warehouseId)));
      }
    }), { numRuns: 3000, seed: 20261203 });
  });

  it('reads places as people write them: 四川省 matches 四川, 成都市 matches 成都, and routing off is the default warehouse', () => {
    const rules = [{ warehouseId: 'wh_cd', provinces: ['四川', '重庆'], cities: ['武汉'] }];
    expect(regionWarehouse(rules, { province: '四川省', city: '绵阳市' })).toBe('wh_cd');
    expect(regionWarehouse(rules, { province: '重庆市', city: '重庆市' })).toBe('wh_cd');
    expect(regionWarehouse(rules, { province: '湖北省', city: '武汉市' })).toBe('wh_cd');
    expect(regionWarehouse(rules, { province: '广东省', city: '广州市' })).toBeNull();
    const off = routeOrder({ enabled: false, defaultWarehouseId: 'wh_gz', order: ['wh_gz', 'wh_cd'], rules }, { province: '四川省' }, [{ skuId: 's1', qty: 1 }], () => 0);
    expect(off).toEqual({ warehouseId: 'wh_gz', regionWarehouseId: null, reason: 'default', transfers: [] });
  });
});

describe('split (property)', () => {
  it('never loses or duplicates a unit: every unit of every line is in exactly one shipment; no shipment takes more than its warehouse has, except what nobody has (left with the first)', () => {
    const splitShop = fc.record({
      warehouses: fc.shuffledSubarray(WAREHOUSES, { minLength: 1 }),
      stock: fc.dictionary(fc.constantFrom(...SKUS.flatMap((s) => WAREHOUSES.map((w) => `${s}|${w}`))), fc.nat(12)),
      // two lines may share a SKU: they compete for the same stock
      lines: fc.array(fc.record({ skuId: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 10 }) }), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(fc.property(splitShop, (s) => {
      const lines = s.lines.map((l, i) => ({ ...l, id: `l${i}` }));
      const available = (sku: string, w: string) => s.stock[`${sku}|${w}`] ?? 0;
      const first = s.warehouses[0]!;
      const parts = splitOrderLines(first, s.warehouses, lines, available);
      // exactly once per unit
      for (const l of lines) expect(parts.flatMap((p) => p.lines).filter((x) => x.lineId === l.id).reduce((n, x) => n + x.qty, 0)).toBe(l.qty);
      for (const p of parts) for (const x of p.lines) expect(x.qty).toBeGreaterThan(0);
      // one shipment per warehouse, the routed one first (unless it has nothing to send), none empty
      if (parts[0]!.warehouseId !== first) expect(parts.map((p) => p.warehouseId)).not.toContain(first);
      expect(new Set(parts.map((p) => p.warehouseId)).size).toBe(parts.length);
      for (const p of parts) expect(p.lines.length).toBeGreaterThan(0);
      // within stock: the other shipments never take more than their warehouse has; the first takes more only of what no warehouse has left
      const units = (p: { lines: { skuId: string; qty: number }[] }, sku: string) => p.lines.filter((x) => x.skuId === sku).reduce((n, x) => n + x.qty, 0);
      for (const sku of SKUS) {
        for (const p of parts.slice(1)) expect(units(p, sku)).toBeLessThanOrEqual(available(sku, p.warehouseId));
        const over = units(parts[0]!, sku) - available(sku, parts[0]!.warehouseId);
        if (over > 0) {
          const needed = lines.filter((l) => l.skuId === sku).reduce((n, l) => n + l.qty, 0);
          const everywhere = s.warehouses.reduce((n, w) => n + available(sku, w), 0);
          expect(over).toBe(needed - everywhere); // only the units nobody has
        }
      }
    }), { numRuns: 2000 });
  });
});
