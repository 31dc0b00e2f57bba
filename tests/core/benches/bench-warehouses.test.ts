// Benches are one list (issue 21): a bench is created in a warehouse and moved between them on
// Settings -> Benches; Settings -> Warehouses shows (and, for older callers, sets) the same rows; a
// station asks which warehouse its bench works in; an older database's station names assigned to
// warehouses become bench rows.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { join } from 'node:path';
import { BADGE, startCore, tempDir, type TestServer } from '../helpers';
import { pairBench, coreLinkFor } from '../../../src-main/station/pairing';
import { openConnection } from '../../../src-main/core/store/db';
import { migrate } from '../../../src-main/core/store/migrate';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { openCore } from '../../../src-main/core/core';
import { listBenches } from '../../../src-main/core/modules/benches/queries';
import { listWarehouses, warehouseOfBench } from '../../../src-main/core/modules/locations/queries';

let s: TestServer;
let cd: string;
const benchPc = tempDir('packline-benchpc-');
beforeAll(async () => {
  s = await startCore();
  const r = await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓 Chengdu', province: '四川', city: '成都' });
  expect(r.status, r.text).toBe(201);
  cd = r.body.id;
});
afterAll(async () => {
  await s.close();
  benchPc.cleanup();
});

const warehouse = async (code: string) => (await s.as('viewer', 'GET', '/api/warehouses')).body.items.find((w: { code: string }) => w.code === code);

describe('a bench works in one warehouse', () => {
  it('is created in the warehouse named (the default one when none is), and Settings -> Warehouses lists it there', async () => {
    const inCd = await s.as('lead', 'POST', '/api/benches', { name: 'CD bench 1', warehouse: 'CD' });
    expect(inCd.status, inCd.text).toBe(200);
    expect(inCd.body.bench).toMatchObject({ warehouseId: cd, warehouseCode: 'CD', warehouseName: '成都仓 Chengdu' });
    const plain = await s.as('lead', 'POST', '/api/benches', { name: 'GZ bench 1' });
    expect(plain.body.bench).toMatchObject({ warehouseId: 'wh_default', warehouseCode: 'MAIN' });
    expect((await warehouse('CD')).benches).toEqual(['CD bench 1']);
    expect((await warehouse('MAIN')).benches).toContain('GZ bench 1');
  });

  it('an unknown or inactive warehouse is refused with the field named, and no bench is made', async () => {
    const unknown = await s.as('lead', 'POST', '/api/benches', { name: 'Nowhere bench', warehouse: 'XX' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toContain('warehouse: no warehouse XX');
    expect(unknown.body.error.issues).toEqual([{ path: 'warehouse', message: 'no warehouse XX', key: 'noWarehouse', params: { ref: 'XX' } }]);
    expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'OLD', name: 'Old depot', active: false })).status).toBe(201);
    const inactive = await s.as('lead', 'POST', '/api/benches', { name: 'Old bench', warehouse: 'OLD' });
    expect(inactive.status).toBe(422);
    expect(inactive.body.error.message).toContain('OLD is inactive');
    const names = (await s.as('lead', 'GET', '/api/benches')).body.items.map((b: { name: string }) => b.name);
    expect(names).not.toContain('Nowhere bench');
    expect(names).not.toContain('Old bench');
  });

  it('a lead moves a bench to another warehouse (PATCH), an operator may not; the board then counts its parcels in that warehouse', async () => {
    const made = await s.as('lead', 'POST', '/api/benches', { name: 'Roaming bench' });
    const id = made.body.bench.id as string;
    expect((await s.as('operator', 'PATCH', `/api/benches/${id}`, { warehouse: 'CD' })).status).toBe(403);
    const moved = await s.as('lead', 'PATCH', `/api/benches/${id}`, { warehouse: 'CD', printer: 'tcp://10.0.0.9:9100' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ id, name: 'Roaming bench', warehouseId: cd, printer: 'tcp://10.0.0.9:9100' });
    expect(warehouseOfBench(s.core.ctx, id)).toBe(cd);
    const clash = await s.as('lead', 'PATCH', `/api/benches/${id}`, { name: 'CD bench 1' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain('a bench named "CD bench 1" exists already');
  });

  it("a paired station reads its bench's warehouse (GET /api/benches/:id/warehouse, any signed-in role); an unknown station id works in the default warehouse", async () => {
    const made = await s.as('lead', 'POST', '/api/benches', { name: 'Pack bench CD', warehouse: 'CD' });
    expect(made.body.bench.warehouseId).toBe(cd);
    const paired = await pairBench(benchPc.dir, made.body.code.code, { coreUrl: s.url });
    const link = coreLinkFor(s.url, paired);
    const op = (await link.call('login', { body: { badge: BADGE.operator } })).token!;
    const mine = await link.call('benchWarehouse', { params: { id: paired.benchId } }, op);
    expect(mine).toMatchObject({ benchId: paired.benchId, bench: { name: 'Pack bench CD', status: 'paired' }, warehouse: { id: cd, code: 'CD', name: '成都仓 Chengdu' } });
    const unpaired = await s.as('operator', 'GET', '/api/benches/bench-77/warehouse');
    expect(unpaired.body).toEqual({ benchId: 'bench-77', bench: null, warehouse: { id: 'wh_default', code: 'MAIN', name: (await warehouse('MAIN')).name } });
  });

  it('the warehouses API still takes bench names: a new name is a bench waiting for its code, with that name as id; one left out returns to the default warehouse', async () => {
    const set = await s.as('admin', 'PATCH', '/api/warehouses/CD', { benches: ['CD bench 1', 'cd-station-2'] });
    expect(set.status, set.text).toBe(200);
    expect(set.body.benches.sort()).toEqual(['CD bench 1', 'cd-station-2']);
    const rows = (await s.as('lead', 'GET', '/api/benches')).body.items as { id: string; name: string; warehouseId: string; status: string }[];
    expect(rows.find((b) => b.name === 'cd-station-2')).toMatchObject({ id: 'cd-station-2', warehouseId: cd, status: 'waiting' });
    // Roaming bench and Pack bench CD were left out: back in the default warehouse
    expect(rows.find((b) => b.name === 'Roaming bench')?.warehouseId).toBe('wh_default');
    expect(rows.find((b) => b.name === 'Pack bench CD')?.warehouseId).toBe('wh_default');
    expect(warehouseOfBench(s.core.ctx, 'cd-station-2')).toBe(cd);
  });
});

describe('migration 2026120530: station names assigned to warehouses become bench rows', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('an assigned paired bench (by name) gets that warehouse, a bare station name becomes a waiting bench with its name as id, the rest the default', async () => {
    const t = tempDir('packline-bench-mig-');
    cleanups.push(t.cleanup);
    const old = openConnection(join(t.dir, 'packline.db'));
    migrate(old, MIGRATIONS.filter((m) => m.version < 2026120530));
    const at = '2026-12-01T00:00:00.000Z';
    old.prepare("INSERT INTO warehouses (id, code, name, created_at, updated_at) VALUES ('wh_cd', 'CD', '成都仓', ?, ?)").run(at, at);
    old.prepare("INSERT INTO benches (id, name, created_at, created_by) VALUES ('bch_1', 'Bench 1', ?, 'usr_1'), ('bch_2', 'Bench 2', ?, 'usr_1')").run(at, at);
    old.prepare("INSERT INTO warehouse_benches (bench, warehouse_id) VALUES ('bench 1', 'wh_cd'), ('cd-bench-1', 'wh_cd'), ('bench-2', 'wh_default')").run();
    old.close();

    const core = openCore({ dataDir: t.dir });
    try {
      const benches = listBenches(core.ctx).map((b) => ({ id: b.id, name: b.name, warehouseId: b.warehouseId, status: b.status }));
      expect(benches).toEqual([
        { id: 'bch_1', name: 'Bench 1', warehouseId: 'wh_cd', status: 'waiting' },
        { id: 'bch_2', name: 'Bench 2', warehouseId: 'wh_default', status: 'waiting' },
        { id: 'bench-2', name: 'bench-2', warehouseId: 'wh_default', status: 'waiting' },
        { id: 'cd-bench-1', name: 'cd-bench-1', warehouseId: 'wh_cd', status: 'waiting' },
      ]);
      expect(listWarehouses(core.ctx).find((w) => w.code === 'CD')?.benches).toEqual(['Bench 1', 'cd-bench-1']);
      expect(warehouseOfBench(core.ctx, 'cd-bench-1')).toBe('wh_cd');
      expect(core.db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'warehouse_benches'").pluck().get()).toBe(0);
    } finally {
      await core.close();
    }
  });
});
