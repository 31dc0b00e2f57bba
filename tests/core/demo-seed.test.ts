// The demo shop: orders across states, a user per role, every SKU with a barcode.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { seedDemo, DEMO_USERS, ean13 } from '../../src-main/core/demo/seed';
import { DEMO_PAYOUT_ORDERS } from '../../src-main/core/demo/payouts';
import { DEMO_INTAKE_ORDERS } from '../../src-main/core/demo/intake';
import { DEMO_ROUTING_ORDERS } from '../../src-main/core/demo/warehouses';
import { DEMO_BOARD_ORDERS } from '../../src-main/core/demo/board';
import { DEMO_SPLIT_ORDERS } from '../../src-main/core/demo/split';
import { DEMO_RULES_ORDERS, DEMO_RULES_SKUS } from '../../src-main/core/demo/rules';
import { DEMO_MERGES_ORDERS } from '../../src-main/core/demo/merges';
import { ensureFirstAdmin } from '../../src-main/core/bootstrap';
import { stateCounts } from '../../src-main/core/modules/orders/queries';
import { listUsers } from '../../src-main/core/modules/people/queries';
import { login } from '../../src-main/core/modules/people/actions/tokens';
import { ROLES } from '../../src-main/contract/people';
import { openTestCore, count, SYSTEM } from './helpers';
import { demoBuyer, DEMO_BUYER_COUNT } from '../../src-main/demo/buyers';
import { createOrders } from '../../src-main/core/modules/orders/actions/create-orders';

let core: Core;
beforeAll(() => {
  core = openTestCore();
  expect(seedDemo(core, { skus: 40, orders: 300 })).toBe(300);
});
afterAll(() => core.close());

describe('demo seed', () => {
  it('creates the orders, spread over many states', () => {
    expect(count(core, 'orders')).toBe(300 + Object.values(DEMO_PAYOUT_ORDERS).reduce((a, b) => a + b, 0) + DEMO_INTAKE_ORDERS + DEMO_ROUTING_ORDERS + DEMO_BOARD_ORDERS + DEMO_RULES_ORDERS + DEMO_SPLIT_ORDERS + DEMO_MERGES_ORDERS);
    const counts = stateCounts(core.ctx);
    const used = Object.entries(counts).filter(([, n]) => n > 0).map(([st]) => st);
    expect(used.length).toBeGreaterThanOrEqual(8);
    expect(used).toEqual(expect.arrayContaining(['allocated', 'in_wave', 'picked', 'packed', 'shipped', 'cancelled', 'on_hold', 'returned']));
  });

  it('shows a split order: one shipment in Chengdu, its part in Guangzhou', () => {
    const rows = core.db.prepare("SELECT o.number, w.code FROM orders o JOIN warehouses w ON w.id = o.warehouse_id WHERE o.external_id LIKE 'DY7700900%' ORDER BY o.number").all();
    expect(rows).toEqual([{ number: expect.stringMatching(/^PL\d+$/), code: 'CD' }, { number: expect.stringMatching(/^PL\d+-2$/), code: 'MAIN' }]);
  });

  it('has a user for every role, each able to log in with the listed badge', async () => {
    const users = listUsers(core.ctx);
    for (const role of ROLES) expect(users.some((u) => u.role === role), role).toBe(true);
    for (const u of DEMO_USERS) expect((await login(core, u.badge, undefined)).user.role).toBe(u.role);
  });

  it('gives every SKU a barcode with a valid EAN-13 check digit, a bin and stock', () => {
    expect(count(core, 'skus')).toBe(40 + DEMO_RULES_SKUS);
    expect(count(core, 'skus', 'WHERE id NOT IN (SELECT sku_id FROM barcodes)')).toBe(0);
    expect(count(core, 'skus', 'WHERE location_id IS NULL')).toBe(0);
    const eans = core.db.prepare("SELECT code FROM barcodes WHERE code NOT LIKE 'CASE-%'").pluck().all() as string[];
    expect(eans.length).toBe(40 + DEMO_RULES_SKUS);
    for (const c of eans) expect(ean13(c.slice(0, 12))).toBe(c);
    expect(count(core, 'barcodes', 'WHERE units > 1')).toBeGreaterThan(0);
  });

  it('keeps stock consistent: reserved equals what orders hold, never above what can be had', () => {
    const totals = core.db.prepare('SELECT SUM(reserved) reserved FROM inventory').get() as { reserved: number };
    const held = core.db.prepare('SELECT COALESCE(SUM(qty),0) FROM reservations').pluck().get() as number;
    expect(totals.reserved).toBe(held);
    expect(count(core, 'inventory', 'WHERE reserved > on_hand + CAST(in_transit * 0.5 AS INTEGER)')).toBe(0);
    // shipped, cancelled and returned orders hold no stock
    expect(count(core, 'reservations', "WHERE line_id IN (SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.state IN ('shipped','cancelled','returned','ready'))")).toBe(0);
  });

  it('has Chinese and international addresses', () => {
    const countries = core.db.prepare("SELECT DISTINCT json_extract(ship_to, '$.country') FROM orders").pluck().all() as string[];
    expect(countries).toContain('CN');
    expect(countries.length).toBeGreaterThan(2);
  });

  it('is deterministic: the same seed gives the same shop', () => {
    const other = openTestCore();
    try {
      seedDemo(other, { skus: 40, orders: 300 });
      const q = "SELECT external_id, state, json_extract(ship_to, '$.name') FROM orders ORDER BY external_id";
      expect(other.db.prepare(q).raw().all()).toEqual(core.db.prepare(q).raw().all());
    } finally {
      other.close();
    }
  });

  it('seeds the full-size product range `npm run demo` uses (300 SKUs: each gets its own bins in both warehouses)', () => {
    const big = openTestCore();
    try {
      expect(() => seedDemo(big, { skus: 300, orders: 60 })).not.toThrow();
      expect(count(big, 'locations', "WHERE code LIKE 'CD-%'")).toBe(200); // Chengdu stocks two thirds of the range
    } finally {
      big.close();
    }
  });

  it('ensureFirstAdmin creates an admin only in an empty shop', async () => {
    expect(ensureFirstAdmin(core)).toBeNull();
    const empty = openTestCore();
    try {
      const first = ensureFirstAdmin(empty);
      expect(first?.badge).toMatch(/^AD-[0-9A-F]{8}$/);
      expect((await login(empty, first!.badge, undefined)).user.role).toBe('admin');
      expect(ensureFirstAdmin(empty)).toBeNull();
    } finally {
      empty.close();
    }
  });
});

describe('demo returns', () => {
  it('every returned order has an RMA with a reason, graded at the bench; some requests wait for their parcel', () => {
    const returned = count(core, 'orders', "WHERE state = 'returned'");
    expect(returned).toBeGreaterThan(0);
    expect(count(core, 'orders', "WHERE state = 'returned' AND id NOT IN (SELECT order_id FROM returns WHERE order_id IS NOT NULL)")).toBe(0);
    expect(count(core, 'return_units')).toBeGreaterThan(0);
    expect(count(core, 'returns', "WHERE state IN ('requested', 'approved', 'in_transit')")).toBeGreaterThan(0);
    expect(count(core, 'returns', "WHERE state = 'received'")).toBeGreaterThan(0);
  });
});

describe('demo stores', () => {
  it('take turns with buyers enough that an hour of their orders (~200) trips no "more than 3 orders a day" hold', () => {
    const sku = core.db.prepare('SELECT sku FROM skus ORDER BY sku LIMIT 1').pluck().get() as string;
    // as the two simulated stores send them: the Shopify store from buyer 1, Douyin from the other half of the list
    const buyers = [...Array.from({ length: 120 }, (_, n) => demoBuyer(n + 1)), ...Array.from({ length: 80 }, (_, n) => demoBuyer(n + 1 + DEMO_BUYER_COUNT / 2))];
    expect(new Set(buyers.map((b) => b.phone)).size).toBe(buyers.length);
    for (const b of buyers) expect(b.phone).toMatch(/^1[3-9]\d{9}$/);
    const heldByCount = () => core.db.prepare("SELECT COUNT(*) FROM rule_holds h JOIN rules r ON r.id = h.rule_id WHERE r.rule LIKE '%buyer_orders_today%'").pluck().get() as number;
    const before = heldByCount();
    core.writes.runNow(() => createOrders(core.ctx, buyers.map((b, n) => ({
      channel: 'shop', externalId: `STORE-${n}`, carrier: 'sf', total: { amount: 3990, currency: 'CNY' }, lines: [{ sku, qty: 1 }],
      shipTo: { name: b.name, phone: b.phone, country: 'CN', province: b.province, city: b.city, district: b.district, address1: b.street },
    })), SYSTEM));
    expect(heldByCount()).toBe(before);
  });
});
