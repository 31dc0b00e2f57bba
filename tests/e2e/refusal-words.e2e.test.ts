// A refusal in the screen's language, in Chromium: a lead in the Chinese UI adds a product whose SKU
// the shop has already, and the form says so in Chinese with the SKU named ('SKU … 已存在'), not the
// core's English; nothing is added. The same in English keeps the core's words.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { CHROMIUM } from './browser';
import { OrdersPage } from './pages';
import { ProductsPage } from './catalog-pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';

describe(`Refusals in the screen's language in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  beforeAll(async () => (shop = await openE2eShop({ skus: 5, orders: 0, locale: 'zh-CN' })), 90_000);
  afterAll(async () => shop?.close());

  it('a lead adding a SKU that exists reads why in Chinese, and no product is added', async () => {
    const { core, url, page } = shop;
    const sku = core.db.prepare('SELECT sku FROM skus ORDER BY sku LIMIT 1').pluck().get() as string;
    const skus = () => core.db.prepare('SELECT COUNT(*) FROM skus').pluck().get() as number;
    const before = skus();
    await new OrdersPage(page, url).login('LD-2001');
    const products = new ProductsPage(page, url);
    await products.openNew();
    const said = await products.createRefused({ sku, name: '乌龙茶 100g', barcodes: [], weightG: 120, bin: 'A-09-01-1' });
    expect(said).toBe(`SKU ${sku} 已存在`);
    await page.locator('[data-testid=product-form] [role=alert]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'refused-sku-zh.png') });
    expect(skus()).toBe(before);

    await page.evaluate(() => localStorage.setItem('pl_lang', 'en'));
    await products.openNew();
    await page.reload();
    await page.waitForSelector('[data-testid=product-form]');
    expect(await products.createRefused({ sku, name: 'Oolong 100g', barcodes: [], weightG: 120, bin: 'A-09-01-1' })).toBe(`SKU ${sku} already exists`);
    expect(skus()).toBe(before);
  }, 60_000);

  it("a products file's refused row reads what was wrong in Chinese beside its row and column; the good row imports", async () => {
    const { core, url, page } = shop;
    const skus = () => core.db.prepare('SELECT COUNT(*) FROM skus').pluck().get() as number;
    const before = skus();
    // the lead of the test before, still logged in, back in the Chinese UI
    await page.evaluate(() => localStorage.setItem('pl_lang', 'zh-CN'));
    await page.reload();
    const csv = ['sku,name,unit_weight_g', 'TEA-NEW-1,新茶 50g,55', 'TEA-NEW-2,重的茶,about 3 kg'].join('\r\n');
    const rows = await new ProductsPage(page, url).importFile({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    expect(rows).toEqual([['3', 'unit_weight_g', '“about 3 kg”不是整数']]);
    await page.screenshot({ path: join(artifacts, 'product-file-refused-zh.png') });
    expect(skus()).toBe(before + 1);
  }, 60_000);
});
