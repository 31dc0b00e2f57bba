// The setup's "first warehouse" (Settings -> General) and Settings -> Warehouses are one record: the
// default warehouse. Before, General kept a copy of its own, blank on a shop whose warehouses were
// set up on the Warehouses page, and a name typed in the setup never reached the warehouse list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type TestServer } from '../helpers';

let s: TestServer;
beforeEach(async () => (s = await startCore()));
afterEach(async () => s.close());

const defaultWarehouse = async () => ((await s.as('admin', 'GET', '/api/warehouses')).body.items as { id: string; name: string; province: string | null; city: string | null; address: string | null; isDefault: boolean }[]).find((w) => w.isDefault)!;

describe('Settings -> General: the first warehouse', () => {
  it('shows the default warehouse, and what is saved there is the default warehouse', async () => {
    const before = await defaultWarehouse();
    expect((await s.as('viewer', 'GET', '/api/settings')).body.warehouse.name).toBe(before.name);

    const saved = await s.as('admin', 'PUT', '/api/settings', { warehouse: { name: '深圳仓 Shenzhen', address: '广东省深圳市南山区科技园路1号' } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.warehouse).toEqual({ name: '深圳仓 Shenzhen', address: '广东省深圳市南山区科技园路1号' });
    expect(await defaultWarehouse()).toMatchObject({ id: before.id, name: '深圳仓 Shenzhen', province: null, city: null, address: '广东省深圳市南山区科技园路1号' });
    expect((await s.as('viewer', 'GET', '/api/settings')).body.warehouse).toEqual({ name: '深圳仓 Shenzhen', address: '广东省深圳市南山区科技园路1号' });
  });

  it('an edit on Settings -> Warehouses shows on General; the same address saved again leaves province and city as they are', async () => {
    const w = await defaultWarehouse();
    expect((await s.as('admin', 'PATCH', `/api/warehouses/${w.id}`, { name: '广州仓 Guangzhou', province: '广东省', city: '广州市', address: '白云区太和镇1号' })).status).toBe(200);
    const shown = (await s.as('viewer', 'GET', '/api/settings')).body.warehouse;
    expect(shown).toEqual({ name: '广州仓 Guangzhou', address: '广东省 广州市 白云区太和镇1号' });
    expect((await s.as('admin', 'PUT', '/api/settings', { warehouse: { ...shown, name: '广州总仓 Guangzhou' } })).status).toBe(200);
    expect(await defaultWarehouse()).toMatchObject({ name: '广州总仓 Guangzhou', province: '广东省', city: '广州市', address: '白云区太和镇1号' });
    // a street address that already names its province and city is not prefixed with them again
    expect((await s.as('admin', 'PATCH', `/api/warehouses/${w.id}`, { province: '广东', city: '广州', address: '广东省广州市白云区太和镇1号' })).status).toBe(200);
    expect((await s.as('viewer', 'GET', '/api/settings')).body.warehouse.address).toBe('广东省广州市白云区太和镇1号');
  });

  it('an operator cannot change it, and nothing changes', async () => {
    const w = await defaultWarehouse();
    expect((await s.as('operator', 'PUT', '/api/settings', { warehouse: { name: 'x', address: 'y' } })).status).toBe(403);
    expect(await defaultWarehouse()).toEqual(w);
  });
});
