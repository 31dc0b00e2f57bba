// Finding orders and backups in Chromium: an operator finds 刘艳 by name, by her phone and by city
// (杭州) with a filter, exports the list (phones masked for an operator); an admin backs up from
// Settings -> Backups and chooses a restore.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { createOrder } from '../../src-main/core/modules/orders/actions/create-orders';
import { readSheet } from '../../src-main/lib/spreadsheet';
import type { OrderInput } from '../../src-main/contract/orders';
import { CHROMIUM } from './browser';
import { OrdersPage } from './pages';
import { artifacts, openE2eShop, type E2eShop } from './shop';

const SYSTEM = { id: 'system:test', role: 'admin' } as const;

describe(`Finding orders and backups in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;
  let liuYan: { number: string; channel: string };

  const addOrder = (externalId: string, name: string, phone: string, city: string): { number: string; channel: string } => {
    const sku = core.db.prepare('SELECT sku FROM skus ORDER BY sku LIMIT 1').pluck().get() as string;
    const input: OrderInput = {
      channel: 'taobao', externalId, lines: [{ sku, qty: 1 }],
      shipTo: { name, phone, country: 'CN', province: '浙江省', city, district: '西湖区', address1: '文三路478号3号楼2单元501室' },
    };
    const r = core.writes.runNow(() => createOrder(core.ctx, input, SYSTEM));
    return { number: r.order!.number, channel: 'taobao' };
  };

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 200 });
    ({ core, url, page } = shop);
    liuYan = addOrder('TB-LIUYAN-1', '刘艳', '13808222172', '杭州市');
    await core.search.flush(); // names and cities are indexed shortly after intake
    mkdirSync(artifacts, { recursive: true });
  });
  afterAll(async () => shop?.close());

  const rows = () => page.locator('[data-testid=orders-table] tbody tr');

  it('an operator finds 刘艳 by her name and by her phone; the phone shows masked', async () => {
    const orders = new OrdersPage(page, url);
    await orders.login('OP-1001');
    await orders.scan('刘艳');
    // the demo's imported Taobao orders have another 刘艳: the list shows both, and hers opens
    await expect.poll(() => rows().filter({ hasText: liuYan.number }).count()).toBe(1);
    await rows().filter({ hasText: liuYan.number }).first().click();
    const detail = await orders.detail();
    await expect.poll(() => detail.locator('h2').textContent()).toBe(liuYan.number);
    await expect.poll(() => detail.textContent()).toContain('138******72');
    expect(await detail.textContent()).not.toContain('13808222172');

    await page.goto(`${url}/#/orders`);
    await orders.scan('138 0822 2172'); // the demo's imported 刘艳 has the same phone: both are listed
    await expect.poll(() => rows().filter({ hasText: liuYan.number }).count()).toBe(1);
    await rows().filter({ hasText: liuYan.number }).first().click();
    await expect.poll(() => detail.locator('h2').textContent()).toBe(liuYan.number);
  });

  it('by city (杭州) and a channel filter; the list exports as CSV with masked phones', async () => {
    const orders = new OrdersPage(page, url);
    await page.goto(`${url}/#/orders`);
    await orders.scan('杭州');
    await expect.poll(async () => (await rows().count()) > 1).toBe(true);
    const cities = await page.locator('[data-testid=orders-table] tbody tr td:nth-child(5)').allTextContents();
    expect(cities.every((c) => c.includes('杭州'))).toBe(true);
    const all = await rows().count();
    await page.fill('[data-testid=order-filters] input[name=channel]', liuYan.channel);
    await expect.poll(async () => (await page.locator('[data-testid=orders-table] tbody tr td:nth-child(2)').allTextContents()).length).toBeLessThan(all + 1);
    await expect.poll(() => page.locator('[data-testid=orders-table]').textContent()).toContain(liuYan.number);
    await page.screenshot({ path: join(artifacts, 'orders-search.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=csv]')]);
    const file = join(artifacts, 'orders-export.csv');
    await download.saveAs(file);
    const sheet = await readSheet(readFileSync(file));
    const header = sheet.rows[0]!;
    const body = sheet.rows.slice(1);
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((r) => r[header.indexOf('Channel')] === liuYan.channel && r[header.indexOf('City')]!.includes('杭州'))).toBe(true);
    const mine = body.find((r) => r[header.indexOf('Order')] === liuYan.number)!;
    expect(mine[header.indexOf('Phone')]).toBe('138******72');
    expect(body.every((r) => /\*{6}/.test(r[header.indexOf('Phone')]!))).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('13808222172');
  });

  it('the bar fits 1366 px: screens opened now and then are under More, and the one open names the menu', async () => {
    const admin = await shop.browser.context.newPage();
    await admin.setViewportSize({ width: 1366, height: 768 });
    await new OrdersPage(admin, url).login('AD-3001');
    const bar = admin.locator('nav.nav');
    await expect.poll(() => bar.evaluate((n) => n.scrollWidth <= n.clientWidth)).toBe(true); // nothing scrolled out of sight
    expect(await admin.locator('.nav-more-menu').count()).toBe(0);
    await admin.click('[data-testid=nav-more]');
    expect(await admin.locator('.nav-more-menu a').allTextContents()).toEqual(['Import', 'Audit log', 'Tracking']);
    await admin.click('.nav-more-menu a[href="#/audit"]');
    await expect.poll(() => admin.locator('[data-testid=nav-more]').textContent()).toBe('Audit log ▾');
    expect(await admin.locator('.nav-more-menu').count()).toBe(0); // closed on the pick
    await admin.locator('[data-testid=audit-table]').waitFor();
    await admin.screenshot({ path: join(artifacts, 'nav-more.png') });
    await admin.close();
  });

  it('an admin backs up from Settings -> Backups and chooses a restore, which holds the data as backed up', async () => {
    const admin = await shop.browser.context.newPage(); // its own session
    await new OrdersPage(admin, url).login('AD-3001');
    await admin.goto(`${url}/#/settings/backups`);
    await admin.click('[data-testid=backup-now]');
    const row = admin.locator('[data-testid=backup-files] tbody tr').first();
    await row.waitFor();
    const name = (await row.getAttribute('data-name'))!;
    expect(existsSync(join(shop.dir, 'backups', name))).toBe(true);

    const later = addOrder('TB-AFTER-BACKUP', '王芳', '13900001111', '宁波市');
    await row.locator('[data-action=restore]').click();
    await admin.screenshot({ path: join(artifacts, 'backups.png') });
    await row.locator('[data-action=confirm-restore]').click();
    await admin.locator('[data-testid=pending-restore]').waitFor();

    // What the next start swaps in: the backup as taken, with 刘艳 and without the later order.
    const staged = new Database(join(shop.dir, 'restore-pending.db'), { readonly: true });
    try {
      const numbers = staged.prepare('SELECT number FROM orders WHERE number IN (?, ?)').pluck().all(liuYan.number, later.number);
      expect(numbers).toEqual([liuYan.number]);
    } finally {
      staged.close();
    }
    await admin.close();
  });
});
