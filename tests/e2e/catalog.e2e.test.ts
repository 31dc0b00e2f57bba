// Products and stock in Chromium: a lead creates a product with two barcodes (one a 6-unit case)
// and a picture on the Products screen, receives stock of it by scanning, and an operator packs an
// order of it at the bench (the case barcode counts 6), its picture on the order line; a line of a
// product with no picture asks the core for none.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import type { SimulatedBench } from '../../src-main/devices';
import { createOrder } from '../../src-main/core/modules/orders/actions/create-orders';
import { productPng } from '../../src-main/core/demo/product-images';
import { launchBrowser, CHROMIUM } from './browser';
import { OrdersPage, PackPage } from './pages';
import { ProductsPage, ReceivePage } from './catalog-pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';
import { zplToPng, decodePng } from '../labels/decode-helpers';

describe(`Products and stock in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let sim: SimulatedBench;
  let lead: Awaited<ReturnType<typeof launchBrowser>>;
  let leadPage: Page;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 30, orders: 40, bench: true });
    ({ core, url } = shop);
    sim = shop.sim!;
    lead = await launchBrowser();
    leadPage = lead.context.pages()[0] ?? (await lead.context.newPage());
  }, 90_000);
  afterAll(async () => {
    await lead?.close();
    await shop?.close();
  });

  const onHand = () => core.db.prepare("SELECT COALESCE(SUM(on_hand), 0) FROM inventory i JOIN skus s ON s.id = i.sku_id WHERE s.sku = 'E2E-TEA'").pluck().get() as number;

  it('a lead creates a product with a unit and a 6-unit case barcode, and gives it a picture', async () => {
    await new OrdersPage(leadPage, url).login('LD-2001');
    const products = new ProductsPage(leadPage, url);
    await products.openNew();
    await products.create({ sku: 'E2E-TEA', name: '乌龙茶 Oolong tea 100g', barcodes: [['6901234500017', 1], ['CASE-E2E-TEA', 6]], weightG: 120, bin: 'A-09-01-1', safetyStock: 10 });
    await products.uploadImage({ name: 'tea.png', mimeType: 'image/png', buffer: productPng([212, 239, 223], [30, 132, 73], 'circle') });
    const text = await products.detail().textContent();
    expect(text).toContain('6901234500017');
    expect(text).toContain('CASE-E2E-TEA');
    expect(text).toMatch(/6 units/);
    await expect.poll(() => leadPage.locator('[data-testid=product-image]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    await leadPage.screenshot({ path: join(artifacts, 'products-created.png') });
  }, 60_000);

  it('the lead receives it by scanning: two unit scans and two case scans make 14 units in the bin', async () => {
    const receive = new ReceivePage(leadPage, url);
    await receive.open('supplier', 'DN-E2E-1', 'A-09-01-1');
    await receive.scan('6901234500017');
    await receive.scan('CASE-E2E-TEA');
    await receive.scan('6901234500017');
    await expect.poll(() => receive.units('6901234500017').textContent()).toBe('2');
    await expect.poll(() => receive.units('CASE-E2E-TEA').textContent()).toBe('6');
    // a scan into the code field (Enter in the bin field puts the cursor there) counts the same
    await receive.scanIntoCodeField('CASE-E2E-TEA');
    await expect.poll(() => receive.units('CASE-E2E-TEA').textContent()).toBe('12');
    await leadPage.screenshot({ path: join(artifacts, 'inventory-receive.png') });
    expect(await receive.receive()).toContain('14');
    expect(onHand()).toBe(14);
    await leadPage.goto(`${url}/#/inventory/movements`);
    await leadPage.waitForSelector('[data-testid=movements-table] tr[data-kind=receive]');
    expect(await leadPage.locator('[data-testid=movements-table] tbody tr').first().textContent()).toContain('E2E-TEA');
    await leadPage.screenshot({ path: join(artifacts, 'inventory-movements.png') });
  }, 60_000);

  it('an operator packs an order of 7 at the bench: the case barcode counts 6, the line shows the picture, the label prints', async () => {
    const order = core.writes.runNow(() => createOrder(core.ctx, {
      channel: 'shop', externalId: 'E2E-CATALOG-1', carrier: 'sf', lines: [{ sku: 'E2E-TEA', qty: 7 }],
      shipTo: { name: '张伟', phone: '13800000000', country: 'CN', province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路1号', postcode: '310000' },
    }, { id: 'system:test', role: 'admin' }));
    const number = core.db.prepare('SELECT number FROM orders WHERE id = ?').pluck().get(order.orderId) as string;
    const page = shop.page;
    await new OrdersPage(page, url).login('OP-1001');
    const pack = new PackPage(page, url);
    await pack.open();
    await expect.poll(() => pack.phase()).toBe('idle');
    await pack.scan(number);
    await expect.poll(() => pack.phase()).toBe('verify');
    const line = page.locator('[data-testid=line-E2E-TEA]');
    await expect.poll(() => line.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    await pack.scan('CASE-E2E-TEA');
    await expect.poll(() => line.locator('.big-count').textContent()).toContain('6 / 7');
    await page.screenshot({ path: join(artifacts, 'pack-product-image.png') });
    await pack.scan('6901234500017');
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('weigh');
    sim.scale.place((await pack.expectedGrams()) ?? 900, 200);
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('done');
    await sim.printer.waitForLabels(1, 10_000);
    const waybill = (await pack.lastLabel().locator('.big-number').textContent())!;
    expect(await decodePng(await zplToPng(sim.printer.labels.at(-1)!.text, 101.6, 152.4, 8))).toContain(waybill);
    expect(onHand()).toBe(7);
    // what the parcel took is a movement of the packer's, naming the order
    const taken = core.db.prepare('SELECT m.kind, m.on_hand_delta delta, u.name FROM stock_movements m JOIN users u ON u.id = m.actor WHERE m.reference = ?').all(order.orderId);
    expect(taken).toEqual([{ kind: 'pack', delta: -7, name: '王芳 Wang Fang' }]);
  }, 90_000);

  it('a line whose product has no picture asks for none (no 404 in the console); the pictured one beside it still shows', async () => {
    const bare = core.db.prepare(`SELECT s.sku, (SELECT code FROM barcodes b WHERE b.sku_id = s.id AND b.units = 1 LIMIT 1) code FROM skus s
      JOIN inventory i ON i.sku_id = s.id WHERE s.sku LIKE 'WH-%' AND s.image_file IS NULL AND s.image_url IS NULL AND s.active = 1 AND i.on_hand - i.reserved > 0
        AND EXISTS (SELECT 1 FROM barcodes b WHERE b.sku_id = s.id AND b.units = 1) ORDER BY s.sku LIMIT 1`).get() as { sku: string; code: string };
    const order = core.writes.runNow(() => createOrder(core.ctx, {
      channel: 'shop', externalId: 'E2E-CATALOG-2', carrier: 'sf', lines: [{ sku: 'E2E-TEA', qty: 1 }, { sku: bare.sku, qty: 1 }],
      shipTo: { name: '张伟', phone: '13800000000', country: 'CN', province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路1号', postcode: '310000' },
    }, { id: 'system:test', role: 'admin' }));
    const number = core.db.prepare('SELECT number FROM orders WHERE id = ?').pluck().get(order.orderId) as string;
    const page = shop.page;
    const failed: string[] = [];
    const onResponse = (r: { url(): string; status(): number }) => void (r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    const onConsole = (m: { type(): string; text(): string }) => void (m.type() === 'error' && failed.push(m.text()));
    page.on('response', onResponse);
    page.on('console', onConsole);
    try {
      const pack = new PackPage(page, url);
      await pack.scan(number);
      await expect.poll(() => page.locator('[data-testid=order-number]').textContent()).toBe(number);
      await expect.poll(() => pack.phase()).toBe('verify');
      await expect.poll(() => page.locator('[data-testid=line-E2E-TEA] img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
      const line = page.locator(`[data-testid="line-${bare.sku}"]`);
      await line.waitFor();
      await page.waitForTimeout(500); // time for a picture's request, were one made
      expect(await line.locator('img').count()).toBe(0);
      expect(failed).toEqual([]);
    } finally {
      page.off('response', onResponse);
      page.off('console', onConsole);
    }
  }, 60_000);

  it('the Inventory navigation shows a badge when a product falls under its safety stock', async () => {
    // E2E-TEA: 7 left, safety stock 10 (the demo has a few under theirs as well)
    await leadPage.goto(`${url}/#/inventory`);
    const badge = leadPage.locator('[data-testid=safety-badge]');
    await badge.waitFor();
    const n = Number(await badge.textContent());
    expect(n).toBeGreaterThan(0);
    expect(await leadPage.locator('[data-testid=safety-alerts]').textContent()).toContain('E2E-TEA');
    await leadPage.screenshot({ path: join(artifacts, 'inventory-stock.png') });
    await leadPage.goto(`${url}/#/products`);
    await leadPage.waitForSelector('[data-testid=products-table] img.thumb');
    await leadPage.screenshot({ path: join(artifacts, 'products-list.png') });
  }, 60_000);
});
