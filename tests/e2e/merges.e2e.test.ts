// Merging in Chromium: the demo's two 拼多多 orders of one buyer to one address. The order's page
// names the order it ships with, Settings -> Merging lists the pair; the operator scans one of them
// at the bench and sees both order numbers and both orders' lines, scans every item (the expected
// weight is the sum) and one label prints for both. Screenshots in English and 中文.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import type { SimulatedBench } from '../../src-main/devices';
import { launchBrowser, CHROMIUM } from './browser';
import { OrdersPage, PackPage } from './pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';

describe(`Merged parcels in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;
  let sim: SimulatedBench;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 100, bench: true });
    ({ core, url, page } = shop);
    sim = shop.sim!;
  }, 90_000);
  afterAll(async () => shop?.close());

  const pair = () => core.db.prepare("SELECT id, number FROM orders WHERE external_id IN ('PDD-261203-0001', 'PDD-261203-0002') ORDER BY external_id").all() as { id: string; number: string }[];
  const codesOf = (orderId: string) => (core.db.prepare(`
    SELECT (SELECT code FROM barcodes b WHERE b.sku_id = l.sku_id AND b.units = 1 LIMIT 1) AS code, l.qty FROM order_lines l WHERE l.order_id = ?`).all(orderId) as { code: string; qty: number }[])
    .flatMap((l) => Array.from({ length: l.qty }, () => l.code));

  it("the packer scans one of the buyer's two orders and packs both in one parcel, seeing both order numbers", async () => {
    const [a, b] = pair();
    await new OrdersPage(page, url).login('LD-2001');
    await page.goto(`${url}/#/orders/${a!.id}`);
    const box = page.locator('[data-testid=order-merge]');
    await expect.poll(() => box.textContent(), { timeout: 5000 }).toContain(b!.number);
    await page.screenshot({ path: join(artifacts, 'merges-order.png'), fullPage: true });
    await page.goto(`${url}/#/settings/merging`);
    await expect.poll(() => page.locator('[data-testid=merges-list]').textContent(), { timeout: 5000 }).toContain(`${a!.number} + ${b!.number}`);
    expect(await page.locator('input[name=mergeEnabled]').isChecked()).toBe(true);
    await page.screenshot({ path: join(artifacts, 'merges-settings.png'), fullPage: true });

    await page.locator('nav button.ghost').click();
    await new OrdersPage(page, url).login('OP-1001');
    const pack = new PackPage(page, url);
    await pack.open();
    await expect.poll(() => pack.phase()).toBe('idle');
    await pack.scan(b!.number);
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('verify');
    const merged = page.locator('[data-testid=merged-orders]');
    await expect.poll(() => merged.textContent()).toContain(a!.number);
    expect(await merged.textContent()).toContain(b!.number);
    const lineOrders = await page.locator('[data-testid=line-order]').allTextContents();
    expect(lineOrders.sort()).toEqual([a!.number, b!.number].sort());
    await page.screenshot({ path: join(artifacts, 'merges-bench.png') });

    // every item of both orders is scanned; the expected weight is the sum of both
    for (const code of [...codesOf(a!.id), ...codesOf(b!.id)]) await pack.scan(code);
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('weigh');
    const weights = core.db.prepare('SELECT SUM(l.qty * k.unit_weight_g) FROM order_lines l JOIN skus k ON k.id = l.sku_id WHERE l.order_id IN (?, ?)').pluck().get(a!.id, b!.id) as number;
    const expected = (await pack.expectedGrams())!;
    expect(expected).toBeGreaterThanOrEqual(weights);
    sim.scale.place(expected, 200);
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('done');
    await sim.printer.waitForLabels(1, 10_000);
    expect(sim.printer.labels).toHaveLength(1);
    const states = core.db.prepare('SELECT state FROM orders WHERE id IN (?, ?)').pluck().all(a!.id, b!.id);
    expect(states).toEqual(['packed', 'packed']);
    expect(core.db.prepare('SELECT COUNT(*) FROM parcels WHERE order_id IN (?, ?)').pluck().get(a!.id, b!.id)).toBe(1);
    sim.scale.remove(50);
  }, 90_000);

  it("shows the rule's note for the packer on the Pack screen (the demo's rush order)", async () => {
    const rush = core.db.prepare("SELECT id, number FROM orders WHERE external_id = 'TB-RULES-8'").get() as { id: string; number: string };
    const pack = new PackPage(page, url);
    await pack.open();
    await expect.poll(() => pack.phase()).not.toBe('login');
    await pack.scan(rush.number);
    await expect.poll(() => page.locator('[data-testid=order-number]').textContent(), { timeout: 10_000 }).toBe(rush.number);
    await expect.poll(() => page.locator('[data-testid=packer-note]').textContent()).toContain('加急单：先打包 Rush: pack first');
    await page.screenshot({ path: join(artifacts, 'merges-packer-note.png') });
  }, 60_000);

  it('shows Settings -> Merging and the order page in 中文', async () => {
    const [a] = pair();
    const zh = await launchBrowser({ locale: 'zh-CN' });
    try {
      const zhPage = zh.context.pages()[0] ?? (await zh.context.newPage());
      await new OrdersPage(zhPage, url).login('LD-2001');
      await zhPage.goto(`${url}/#/settings/merging`);
      await zhPage.waitForSelector('[data-testid=settings-merges]');
      expect(await zhPage.locator('[data-testid=settings-merges]').textContent()).toContain('同一买家、同一地址的订单合并为一个包裹发货');
      await zhPage.screenshot({ path: join(artifacts, 'merges-settings-zh.png'), fullPage: true });
      await zhPage.goto(`${url}/#/orders/${a!.id}`);
      await expect.poll(() => zhPage.locator('[data-testid=order-merge]').textContent(), { timeout: 5000 }).toContain('合并为一个包裹');
      await zhPage.screenshot({ path: join(artifacts, 'merges-order-zh.png'), fullPage: true });
    } finally {
      await zh.close();
    }
  }, 60_000);
});
