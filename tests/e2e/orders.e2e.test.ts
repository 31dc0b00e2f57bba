import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { CHROMIUM } from './browser';
import { OrdersPage } from './pages';
import { contrastOf } from './contrast';
import { openE2eShop, type E2eShop } from './shop';

describe(`Orders screen in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 200 });
    ({ core, url, page } = shop);
  });

  afterAll(async () => shop?.close());

  it('finds a demo order by the barcode on its paperwork and shows its items and history', async () => {
    const order = core.db.prepare("SELECT id, number, external_id FROM orders WHERE state = 'allocated' ORDER BY id LIMIT 1 OFFSET 7").get() as { id: string; number: string; external_id: string };
    const orders = new OrdersPage(page, url);
    await orders.login('LD-2001');
    // The state chips' counts are readable: another screen's CSS once made every .count white.
    await expect.poll(() => page.locator('[data-state=allocated] .count').textContent()).toMatch(/^\d+$/);
    expect((await contrastOf(page, '[data-state=allocated] .count')).ratio).toBeGreaterThanOrEqual(4.5);
    // A scanner types the code and Enter into the focused search field.
    await orders.scan(order.id);
    const detail = await orders.detail();
    await expect.poll(() => detail.locator('h2').textContent()).toBe(order.number);
    await expect.poll(() => detail.textContent()).toContain(order.external_id);
    // An allocated order's history is one event: created (and reserved) in one write.
    expect(await detail.locator('.history li').count()).toBeGreaterThanOrEqual(1);
    // This shop has no rules: the order's rules panel says none fires, not that the rules "ran 0×".
    await expect.poll(() => detail.locator('[data-testid=order-rules]').textContent()).toContain('No rule fires on this order now.');
    expect(await detail.locator('[data-testid=order-rules]').textContent()).not.toContain('Rules ran');

    // The channel's own number finds the same order.
    await orders.scan(order.external_id);
    await expect.poll(() => detail.locator('h2').textContent()).toBe(order.number);
  });

  it('cancels an order with a reason, and the list and history follow', async () => {
    const order = core.db.prepare("SELECT id, number FROM orders WHERE state = 'allocated' ORDER BY id LIMIT 1").get() as { id: string; number: string };
    const orders = new OrdersPage(page, url);
    await orders.scan(order.number);
    const detail = await orders.detail();
    await detail.locator('[data-action=cancel]').click();
    await page.fill('input[name=reason]', 'customer changed their mind');
    await page.press('input[name=reason]', 'Enter');
    await expect.poll(() => detail.locator('.badge.big').textContent()).toBe('Cancelled');
    await expect.poll(() => detail.locator('.history').textContent()).toContain('customer changed their mind');
    const stored = core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(order.id);
    expect(stored).toBe('cancelled');
  });

  it('the state buttons count the chosen warehouse\'s orders, as the list under them does', async () => {
    await page.goto(`${url}/#/orders`);
    const count = (state: string) => page.locator(`[data-state=${state}] .count`).textContent();
    const everywhere = core.db.prepare("SELECT COUNT(*) FROM orders WHERE state = 'allocated'").pluck().get() as number;
    await expect.poll(() => count('allocated')).toBe(String(everywhere));
    await page.locator('[data-testid=warehouse-picker]').selectOption('CD');
    const inCd = (state: string) => core.db.prepare("SELECT COUNT(*) FROM orders o JOIN warehouses w ON w.id = o.warehouse_id WHERE w.code = 'CD' AND o.state = ?").pluck().get(state) as number;
    expect(inCd('allocated')).toBeLessThan(everywhere);
    await expect.poll(() => count('allocated')).toBe(String(inCd('allocated')));
    await expect.poll(() => count('on_hold')).toBe(String(inCd('on_hold')));
    // the button and the list it opens agree
    await page.locator('[data-state=on_hold]').click();
    await expect.poll(() => page.locator('[data-testid=orders-total]').textContent()).toMatch(new RegExp(`^${inCd('on_hold')} `));
    await page.locator('[data-testid=warehouse-picker]').selectOption('');
    await expect.poll(() => count('allocated')).toBe(String(everywhere));
    await page.locator('.chips button').first().click();
  });

  it('a search that does not find the open order closes it; the list reloading keeps it', async () => {
    const order = core.db.prepare("SELECT id, number FROM orders WHERE state = 'allocated' ORDER BY id LIMIT 1 OFFSET 3").get() as { id: string; number: string };
    const orders = new OrdersPage(page, url);
    await orders.scan(order.number);
    const detail = await orders.detail();
    await expect.poll(() => detail.locator('h2').textContent()).toBe(order.number);
    await orders.scan('zzzz-nothing');
    await expect.poll(() => page.locator('[data-testid=orders-total]').textContent()).toBe('0 in all');
    await expect.poll(() => detail.count()).toBe(0);
    await expect.poll(() => page.locator('.detail-pane').textContent()).toBe('Choose an order to see it here.');
    expect(page.url()).toMatch(/#\/orders$/);
    // A link to an order opens it beside the whole list, even when it is not on the list's first page.
    const oldest = core.db.prepare('SELECT id, number FROM orders ORDER BY created_at, id LIMIT 1').get() as { id: string; number: string };
    await page.goto(`${url}/#/orders/${oldest.id}`);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=order-detail] h2').textContent()).toBe(oldest.number);
    await page.waitForTimeout(300);
    await expect.poll(() => page.locator('[data-testid=order-detail] h2').textContent()).toBe(oldest.number);
  });

  it('switches to Chinese and keeps working', async () => {
    const orders = new OrdersPage(page, url);
    await page.goto(`${url}/#/settings`);
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.goto(`${url}/#/orders`);
    await expect.poll(() => page.locator('nav').textContent()).toContain('订单');
    await orders.scan('NO-SUCH-CODE-123');
    await expect.poll(() => page.locator('.empty').first().textContent()).toBe('没有找到');
  });
});
