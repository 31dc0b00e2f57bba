// A split order in Chromium, on the demo shop: the shop allows splitting (Settings -> Routing shows
// it on), and a lead opens the Chengdu order that Guangzhou ships a part of: the order page lists
// both shipments with their warehouse and lines, and the part links back to the channel's order.
// In English and in Chinese.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { CHROMIUM } from './browser';
import { WavesPage } from './pages';
import { artifacts, openE2eShop, type E2eShop } from './shop';

describe(`Split by warehouse in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 40, orders: 200 });
    ({ core, url, page } = shop);
  });
  afterAll(async () => shop?.close());

  it('a lead sees the split on the order page: two shipments, two warehouses, each with its lines; the part points to its order', async () => {
    const [head, part] = core.db.prepare("SELECT id, number FROM orders WHERE external_id LIKE 'DY7700900%' ORDER BY number").all() as { id: string; number: string }[];
    await new WavesPage(page, url).login('LD-2001');
    await page.goto(`${url}/#/settings/routing`);
    await expect.poll(() => page.locator('input[name=split]').isChecked()).toBe(true);

    await page.goto(`${url}/#/orders/${head!.id}`);
    const shipments = page.locator('[data-testid=order-shipments]');
    await expect.poll(() => shipments.locator('tr[data-shipment]').count()).toBe(2);
    expect(await shipments.textContent()).toContain('Split into 2 shipments');
    expect(await shipments.locator(`tr[data-shipment="${part!.number}"]`).textContent()).toContain('广州仓 Guangzhou');
    expect(await shipments.locator(`tr[data-shipment="${head!.number}"]`).textContent()).toContain('280 ×');
    await page.screenshot({ path: join(artifacts, 'split-order.png'), fullPage: true });

    await shipments.locator(`tr[data-shipment="${part!.number}"] a`).click();
    await expect.poll(() => page.locator('[data-testid=order-split-of]').textContent()).toContain(head!.number);

    await page.evaluate(() => localStorage.setItem('pl_lang', 'zh-CN'));
    await page.goto(`${url}/#/orders/${head!.id}`);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=order-shipments]').textContent()).toContain('已拆成 2 个包裹');
    await page.screenshot({ path: join(artifacts, 'split-order-zh.png'), fullPage: true });
    await page.goto(`${url}/#/settings/routing`);
    await expect.poll(() => page.locator('[data-testid=settings-routing]').textContent()).toContain('拆单');
    await page.screenshot({ path: join(artifacts, 'routing-split-zh.png'), fullPage: true });
  });

  it('the waves console plans only in a picked warehouse, and its end of day lists that warehouse\'s manifests', async () => {
    await page.evaluate(() => localStorage.setItem('pl_lang', 'en'));
    await page.goto(`${url}/#/waves`);
    await page.reload();
    await page.locator('[data-testid=warehouse-picker]').selectOption('');
    await expect.poll(() => page.locator('[data-testid=planner-pick-warehouse]').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Preview', exact: true }).isDisabled()).toBe(true);
    await page.locator('[data-testid=warehouse-picker]').selectOption('CD');
    await expect.poll(() => page.locator('[data-testid=planner-pick-warehouse]').count()).toBe(0);
    await page.goto(`${url}/#/waves/handover`);
    await page.locator('[data-testid=handover]').waitFor();
    const manifests = core.db.prepare("SELECT COUNT(*) FROM manifests m JOIN warehouses w ON w.id = m.warehouse_id WHERE w.code = 'CD'").pluck().get() as number;
    await expect.poll(() => page.locator('[data-testid=manifests] tbody tr').count()).toBe(manifests);
    await page.screenshot({ path: join(artifacts, 'handover-chengdu.png'), fullPage: true });
  });
});
