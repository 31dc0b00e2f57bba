// Migrations 2026120410/11/13: a shop from before warehouses had one implicit warehouse. It becomes
// the default warehouse (named as the setup named it), and its bins, orders and waves land in it;
// the next order is routed there and reserves from the same bins as before.
// SQLite only by design (not in tests/postgres-set.json): a shop from before warehouses existed is a
// SQLite file; a PostgreSQL store is made at the current version (migrate-store).
import { describe, it, expect, afterEach } from 'vitest';
import { join } from 'node:path';
import { openConnection } from '../../../src-main/core/store/db';
import { migrate } from '../../../src-main/core/store/migrate';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { openCore } from '../../../src-main/core/core';
import { createOrder } from '../../../src-main/core/modules/orders/actions/create-orders';
import { listWarehouses } from '../../../src-main/core/modules/locations/queries';
import { orderInput, SYSTEM, tempDir } from '../helpers';

const WAREHOUSES = 2026120410;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('single-warehouse data migrates into the default warehouse', () => {
  it('bins, stock, orders and waves of an older database belong to one default warehouse named as the setup named it', async () => {
    const t = tempDir('packline-wh-mig-');
    cleanups.push(t.cleanup);
    const old = openConnection(join(t.dir, 'packline.db'));
    migrate(old, MIGRATIONS.filter((m) => m.version < WAREHOUSES));
    const at = '2026-11-01T00:00:00.000Z';
    old.prepare("INSERT INTO settings (key, value) VALUES ('warehouse', ?)").run(JSON.stringify({ name: '深圳仓 Shenzhen', address: '广东省深圳市宝安区福永街道1号' }));
    old.prepare("INSERT INTO locations (id, code, zone, aisle, bay, level) VALUES ('loc_1', 'A-01-01-1', 'A', '01', '01', '1')").run();
    old.prepare("INSERT INTO skus (id, sku, name, location_id, created_at, updated_at) VALUES ('sku_1', 'SKU-A', 'Cup', 'loc_1', ?, ?)").run(at, at);
    old.prepare("INSERT INTO inventory (sku_id, location_id, on_hand) VALUES ('sku_1', 'loc_1', 10)").run();
    old.prepare(`INSERT INTO orders (id, number, channel, external_id, state, ship_to, created_at, updated_at) VALUES ('ord_1', 'PL9000001', 'shop', 'X1', 'ready', '{"name":"a","city":"深圳市"}', ?, ?)`).run(at, at);
    old.prepare(`INSERT INTO waves (id, number, name, rule, state, created_at, created_by) VALUES ('wav_1', 'W-0001', 'Morning', '{}', 'released', ?, 'usr_1')`).run(at);
    old.close();

    const core = openCore({ dataDir: t.dir });
    try {
      const [w, ...others] = listWarehouses(core.ctx);
      expect(others).toEqual([]);
      expect(w).toMatchObject({ id: 'wh_default', code: 'MAIN', name: '深圳仓 Shenzhen', address: '广东省深圳市宝安区福永街道1号', active: true, isDefault: true, bins: 1 });
      const one = (sql: string) => core.db.prepare(sql).pluck().get();
      expect(one("SELECT warehouse_id FROM locations WHERE id = 'loc_1'")).toBe('wh_default');
      expect(one("SELECT warehouse_id FROM orders WHERE id = 'ord_1'")).toBe('wh_default');
      expect(one("SELECT warehouse_id FROM waves WHERE id = 'wav_1'")).toBe('wh_default');
      // the next order: routed to the default warehouse, stock reserved in the old bin
      const created = core.writes.runNow(() => createOrder(core.ctx, orderInput({ qty: 3 }), SYSTEM));
      expect(created.order).toMatchObject({ state: 'allocated', warehouseId: 'wh_default' });
      expect(one("SELECT reserved FROM inventory WHERE location_id = 'loc_1'")).toBe(3);
    } finally {
      await core.close();
    }
  });
});
