// The catalog over the real HTTP server: products (create, edit, deactivate, search), images in
// the data folder, channel SKU mappings (used by order intake), box types; who may do what; a
// refusal names the field and changes nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCore, addSku, count, orderInput, type TestServer } from '../helpers';
import { productPng } from '../../../src-main/core/demo/product-images';

let s: TestServer;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'MUG-1', { onHand: 20, barcodes: [{ code: '6900000000011', units: 1 }] }) });
});
afterAll(() => s.close());

/** Events of the catalog (logging in records events of its own). */
const events = () => count(s.core, 'events', "WHERE type LIKE 'sku.%' OR type LIKE 'box_type.%'");
const png = productPng([200, 220, 240], [20, 60, 120], 'circle', 32);

describe('products', () => {
  it('a lead creates a product with two barcodes (one a 6-unit case); anyone finds it by SKU, barcode or name', async () => {
    const r = await s.as('lead', 'POST', '/api/skus', {
      sku: 'TEA-250', name: '绿茶 Green tea 250g', barcodes: [{ code: '6900000000028' }, { code: 'CASE-TEA-6', units: 6 }],
      unitWeightG: 260, lengthMm: 120, widthMm: 80, heightMm: 60, location: 'B-01-02-1', safetyStock: 5, price: 3900, currency: 'CNY',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ sku: 'TEA-250', active: true, location: 'B-01-02-1', barcodes: [{ code: '6900000000028', units: 1 }, { code: 'CASE-TEA-6', units: 6 }] });
    for (const q of ['TEA-250', 'CASE-TEA-6', '绿茶']) {
      const found = await s.as('viewer', 'GET', `/api/skus?q=${encodeURIComponent(q)}`);
      expect(found.body.items.map((x: { sku: string }) => x.sku), q).toEqual(['TEA-250']);
    }
  });

  it('an operator reads but may not create, edit or deactivate', async () => {
    const before = events();
    expect((await s.as('operator', 'POST', '/api/skus', { sku: 'X-1', name: 'x' })).status).toBe(403);
    expect((await s.as('operator', 'PATCH', '/api/skus/MUG-1', { name: 'y' })).status).toBe(403);
    expect((await s.as('finance', 'PATCH', '/api/skus/MUG-1', { active: false })).status).toBe(403);
    expect((await s.as('operator', 'GET', '/api/skus/MUG-1')).status).toBe(200);
    expect(events()).toBe(before);
  });

  it('refuses bad input by field and changes nothing: a bad SKU code, a barcode of another product, a negative weight', async () => {
    const before = { skus: count(s.core, 'skus'), barcodes: count(s.core, 'barcodes'), events: events() };
    const bad = await s.as('admin', 'POST', '/api/skus', { sku: 'has space', name: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('sku');
    const taken = await s.as('admin', 'POST', '/api/skus', { sku: 'NEW-1', name: 'x', barcodes: [{ code: '6900000000011' }] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain('MUG-1');
    expect(taken.body.error.issues[0].path).toBe('barcodes.0.code');
    const heavy = await s.as('admin', 'PATCH', '/api/skus/MUG-1', { unitWeightG: -5 });
    expect(heavy.status).toBe(422);
    expect(heavy.body.error.issues[0].path).toBe('unitWeightG');
    expect({ skus: count(s.core, 'skus'), barcodes: count(s.core, 'barcodes'), events: events() }).toEqual(before);
  });

  it('edits a product, and deactivating hides it from the list (its codes still resolve) until it is reactivated', async () => {
    const edit = await s.as('lead', 'PATCH', '/api/skus/TEA-250', { name: '绿茶 Green tea 250 g', unitWeightG: 255 });
    expect(edit.body).toMatchObject({ name: '绿茶 Green tea 250 g', unitWeightG: 255 });
    expect((await s.as('lead', 'PATCH', '/api/skus/TEA-250', { active: false })).body.active).toBe(false);
    expect((await s.as('lead', 'GET', '/api/skus?q=TEA-250')).body.items).toEqual([]);
    expect((await s.as('lead', 'GET', '/api/skus?q=TEA-250&status=inactive')).body.items[0].sku).toBe('TEA-250');
    expect((await s.as('lead', 'GET', '/api/skus/CASE-TEA-6')).status).toBe(404); // getSku takes an id or SKU code
    expect((await s.as('lead', 'GET', '/api/skus/TEA-250')).body.active).toBe(false);
    expect((await s.as('lead', 'PATCH', '/api/skus/TEA-250', { active: true })).body.active).toBe(true);
    const types = s.core.db.prepare("SELECT type FROM events WHERE type LIKE 'sku.%activated'").pluck().all();
    expect(types).toEqual(['sku.deactivated', 'sku.reactivated']);
  });
});

describe('product images', () => {
  it('an uploaded PNG is kept in the data folder and served to anyone logged in; a new one replaces the file', async () => {
    const up = await s.as('lead', 'PUT', '/api/skus/MUG-1/image', png, { 'Content-Type': 'image/png' });
    expect(up.status).toBe(200);
    expect(up.body.imageUrl).toMatch(/^\/api\/skus\/sku_\w+\/image\?v=[0-9a-f]{12}$/);
    const files = readdirSync(join(s.dir, 'images'));
    expect(files).toHaveLength(1);
    const got = await fetch(s.url + up.body.imageUrl, { headers: { Authorization: `Bearer ${await s.tokenFor('operator')}` } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    expect((await s.api('GET', up.body.imageUrl)).status).toBe(401);
    const again = await s.as('admin', 'PUT', '/api/skus/MUG-1/image', productPng([0, 0, 0], [255, 255, 255], 'square', 16));
    expect(again.body.imageUrl).not.toBe(up.body.imageUrl);
    expect(readdirSync(join(s.dir, 'images'))).toHaveLength(1);
    expect(existsSync(join(s.dir, 'images', files[0]!))).toBe(false);
  });

  it('refuses what is not a PNG, JPEG, WebP or GIF (an SVG could run script), and an operator', async () => {
    const before = s.core.db.prepare("SELECT image_url FROM skus WHERE sku = 'MUG-1'").pluck().get();
    const svg = await s.as('lead', 'PUT', '/api/skus/MUG-1/image', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', { 'Content-Type': 'image/svg+xml' });
    expect(svg.status).toBe(415);
    expect(svg.body.error.issues[0].path).toBe('body');
    expect((await s.as('operator', 'PUT', '/api/skus/MUG-1/image', png)).status).toBe(403);
    expect(s.core.db.prepare("SELECT image_url FROM skus WHERE sku = 'MUG-1'").pluck().get()).toBe(before);
  });

  it('removes an image: the file goes and the image route answers 404', async () => {
    const r = await s.as('lead', 'DELETE', '/api/skus/MUG-1/image');
    expect(r.body.imageUrl).toBeNull();
    expect(readdirSync(join(s.dir, 'images'))).toEqual([]);
    expect((await s.as('viewer', 'GET', '/api/skus/MUG-1/image')).status).toBe(404);
  });
});

describe('channel SKU mappings', () => {
  it("a lead maps a channel's SKU to ours and order intake resolves it; remapping replaces it; removing it refuses such lines again", async () => {
    const m = await s.as('lead', 'POST', '/api/sku-mappings', { channel: 'taobao', channelSku: 'TB-778899', sku: 'MUG-1' });
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({ channel: 'taobao', channelSku: 'TB-778899', sku: 'MUG-1' });
    const order = orderInput({ channel: 'taobao', lines: [{ channelSku: 'TB-778899', qty: 1 }] });
    const created = await s.as('lead', 'POST', '/api/orders', order);
    expect(created.status).toBe(201);
    expect(created.body.lines[0].sku).toBe('MUG-1');
    expect((await s.as('lead', 'POST', '/api/sku-mappings', { channel: 'taobao', channelSku: 'TB-778899', sku: 'TEA-250' })).body.sku).toBe('TEA-250');
    const list = await s.as('viewer', 'GET', '/api/sku-mappings?sku=TEA-250');
    expect(list.body.items).toEqual([expect.objectContaining({ channel: 'taobao', channelSku: 'TB-778899' })]);
    expect((await s.as('lead', 'DELETE', '/api/sku-mappings/taobao/TB-778899')).body).toEqual({ ok: true });
    const refused = await s.as('lead', 'POST', '/api/orders', orderInput({ channel: 'taobao', lines: [{ channelSku: 'TB-778899', qty: 1 }] }));
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses an unknown SKU, a bad channel code and an operator, by field, and changes nothing', async () => {
    const before = count(s.core, 'sku_mappings');
    const unknown = await s.as('lead', 'POST', '/api/sku-mappings', { channel: 'jd', channelSku: 'JD-1', sku: 'NOPE' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues[0].path).toBe('sku');
    const channel = await s.as('lead', 'POST', '/api/sku-mappings', { channel: 'JD Shop', channelSku: 'JD-1', sku: 'MUG-1' });
    expect(channel.body.error.issues[0].path).toBe('channel');
    expect((await s.as('operator', 'POST', '/api/sku-mappings', { channel: 'jd', channelSku: 'JD-1', sku: 'MUG-1' })).status).toBe(403);
    expect((await s.as('lead', 'DELETE', '/api/sku-mappings/jd/NOT-THERE')).status).toBe(404);
    expect(count(s.core, 'sku_mappings')).toBe(before);
  });
});

describe('box types', () => {
  it('a lead creates and edits a box type; a duplicate code is refused by field; an operator may only read', async () => {
    const b = await s.as('lead', 'POST', '/api/box-types', { code: 'BOX-T', name: 'Test box', tareG: 90 });
    expect(b.status).toBe(201);
    const e = await s.as('lead', 'PATCH', `/api/box-types/${b.body.id}`, { tareG: 95, name: 'Test box 2' });
    expect(e.body).toMatchObject({ code: 'BOX-T', tareG: 95, name: 'Test box 2' });
    const dup = await s.as('lead', 'POST', '/api/box-types', { code: 'BOX-T', name: 'again', tareG: 1 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.issues[0].path).toBe('code');
    expect((await s.as('operator', 'PATCH', `/api/box-types/${b.body.id}`, { tareG: 1 })).status).toBe(403);
    expect((await s.as('operator', 'GET', '/api/box-types')).body.items.find((x: { code: string }) => x.code === 'BOX-T').tareG).toBe(95);
  });
});

describe('locations', () => {
  it('a lead creates a bin; a bad code is refused by field; an operator lists them', async () => {
    expect((await s.as('lead', 'POST', '/api/locations', { code: 'Z-09-01-1' })).status).toBe(201);
    const bad = await s.as('lead', 'POST', '/api/locations', { code: 'Z 9' });
    expect(bad.body.error.issues[0].path).toBe('code');
    expect((await s.as('operator', 'POST', '/api/locations', { code: 'Z-09-01-2' })).status).toBe(403);
    expect((await s.as('operator', 'GET', '/api/locations')).body.items.map((l: { code: string }) => l.code)).toContain('Z-09-01-1');
  });
});
