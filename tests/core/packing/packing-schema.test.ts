// Migration 0060 (packing): its tables and guards, and the packing queries use their indexes.
// SQLite only by design (not in tests/postgres-set.json): SQLite's EXPLAIN QUERY PLAN on its own
// file; the packing behaviour runs on PostgreSQL in packing.test.ts and pack-scan.test.ts.
import { describe, it, expect, afterAll } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../src-main/core/database';
import { tempDir } from '../helpers';
import { CLAIM_OF_ORDER, LABELLED_PARCEL_ON_WAYBILL, LIVE_PARCELS_OF_ORDER, PROPOSAL_OF_SKU } from '../../../src-main/core/modules/packing/store';
import { OPEN_INTERCEPTS_OF_ORDER, exceptionListSql } from '../../../src-main/core/modules/exceptions/store';

const t = tempDir('packline-pack-schema-');
const db = openDatabase(join(t.dir, 'packline.db'));
afterAll(() => {
  db.close();
  t.cleanup();
});

const plan = (sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array((sql.match(/\?/g) ?? []).length).fill('x')) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0060-packing', () => {
  it('creates the packing tables', () => {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(names).toEqual(expect.arrayContaining(['parcels', 'pack_claims', 'packed_stock', 'exceptions', 'weight_samples', 'weight_rejections']));
  });

  it('guards parcels: never deleted, a known state, an override with both who and why', () => {
    const tr = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'parcels_never_deleted'").pluck().get() as string;
    expect(tr).toMatch(/never deleted/);
    const table = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'parcels'").pluck().get() as string;
    expect(table).toMatch(/CHECK \(state IN \('labelled','voided'\)\)/);
    expect(table).toMatch(/\(override_by IS NULL\) = \(override_reason IS NULL\)/);
  });
});

describe('packing queries use an index', () => {
  it.each([
    ['parcels of an order', LIVE_PARCELS_OF_ORDER, /SEARCH parcels USING INDEX parcels_(order|live_seq) \(order_id=\?\)/],
    ['parcel by waybill', LABELLED_PARCEL_ON_WAYBILL, /SEARCH parcels USING INDEX sqlite_autoindex_parcels_\d \(waybill=\?\)/],
    ['open exceptions of a kind', exceptionListSql({ state: 'open', kind: 'short' }), /SEARCH exceptions USING (COVERING )?INDEX exceptions_state \(state=\? AND kind=\?\)/],
    ['exceptions of an order', OPEN_INTERCEPTS_OF_ORDER, /SEARCH exceptions USING (COVERING )?INDEX exceptions_(order|state) /],
    ['weight samples of a SKU', PROPOSAL_OF_SKU, /SEARCH weight_samples USING PRIMARY KEY \(sku_id=\?\)/],
    ['claim of an order', CLAIM_OF_ORDER, /SEARCH pack_claims USING PRIMARY KEY \(order_id=\?\)/],
  ])('%s', (_name, sql, expected) => {
    const p = plan(sql);
    expect(p).toMatch(expected);
    expect(p).not.toMatch(/SCAN/);
  });
});
