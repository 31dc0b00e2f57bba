// A staff badge scanned at the Pack screen by the operator already on the bench, in Chromium
// through the bench station's WebSocket: their own badge is a calm notice (no error, the errors
// count unchanged), another person's says to log out first; neither code ever shows on the page or
// lands in the bench's journal. A code that is no badge is still refused as unknown. English and Chinese.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { CHROMIUM } from './browser';
import { OrdersPage, PackPage } from './pages';
import { openE2eShop, type E2eShop } from './shop';

/** Everything the bench wrote under <data>/station (its journal and audit file). */
const stationFiles = (dir: string) => readdirSync(join(dir, 'station')).map((f) => readFileSync(join(dir, 'station', f), 'utf8')).join('\n');

describe(`A badge scanned at the Pack screen (needs ${CHROMIUM})`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;
  let pack: PackPage;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 20, orders: 40, bench: true });
    ({ core, url, page } = shop);
    await new OrdersPage(page, url).login('OP-1001');
    pack = new PackPage(page, url);
    await pack.open();
    await page.waitForSelector('.bench[data-phase=idle]'); // the screen's user is on the bench
  }, 90_000);
  afterAll(async () => shop?.close());

  const errors = () => page.locator('[data-testid=count-errors]').textContent();
  const said = () => pack.banner().locator('.bench-do').textContent();
  /** The page as a person (and anything reading its markup) could see it. */
  const pageText = () => page.evaluate(() => `${document.body.innerText}\n${document.documentElement.outerHTML}`);

  it("the operator's own badge: 'that is your badge', no error counted, the code nowhere on the page or in the journal", async () => {
    const before = await errors();
    await pack.scan('OP-1001');
    await expect.poll(said).toBe('that is your badge, 王芳 Wang Fang; you are logged in');
    expect(await errors()).toBe(before);
    expect(await pack.banner().getAttribute('class')).not.toContain('bad');
    expect(await pack.phase()).toBe('idle');
    expect(await pageText()).not.toContain('OP-1001');
    expect(stationFiles(shop.dir)).not.toContain('OP-1001');
  });

  it("another person's badge: a staff badge, log out first to switch; not counted, the code never shown", async () => {
    const before = await errors();
    await pack.scan('LD-2001');
    await expect.poll(said).toBe('that is a staff badge: to switch person, log out first (PL-CMD-LOGOUT), then scan the badge');
    expect(await errors()).toBe(before);
    expect(await page.locator('.bench-head').textContent()).toContain('王芳 Wang Fang'); // still the one on the bench
    expect(await pageText()).not.toContain('LD-2001');
    expect(stationFiles(shop.dir)).not.toContain('LD-2001');
  });

  it('the own badge with an order on the bench is no wrong item: the order stays as it was', async () => {
    const order = core.db.prepare(`
      SELECT o.number FROM orders o
      WHERE o.state = 'allocated' AND o.carrier IN (SELECT carrier FROM waybill_ranges)
        AND o.warehouse_id = (SELECT id FROM warehouses WHERE is_default = 1)
      ORDER BY o.id LIMIT 1`).get() as { number: string };
    await pack.scan(order.number);
    await expect.poll(() => pack.phase()).toBe('verify');
    try {
      const before = await errors();
      const lines = await page.locator('.bench-table tbody').textContent();
      await pack.scan('OP-1001');
      await expect.poll(said).toBe('that is your badge, 王芳 Wang Fang; you are logged in');
      expect(await errors()).toBe(before);
      expect(await pack.phase()).toBe('verify');
      expect(await page.locator('.bench-table tbody').textContent()).toBe(lines);
      expect(await pageText()).not.toContain('OP-1001');
      expect(stationFiles(shop.dir)).not.toContain('OP-1001');
    } finally {
      // the order leaves the bench, nothing printed
      await pack.scan('PL-CMD-SKIP');
      await expect.poll(() => pack.phase()).toBe('idle');
    }
  });

  it('a code that is no badge is refused as unknown, as before, and counted', async () => {
    const before = Number(await errors());
    await pack.scan('NO-SUCH-CODE-77');
    await expect.poll(() => pack.banner().locator('.bench-say').textContent()).toBe('NO-SUCH-CODE-77 is not an order, tote, slot or item this shop knows');
    expect(Number(await errors())).toBe(before + 1);
  });

  it('in Chinese, the own badge is said in Chinese', async () => {
    const language = async (name: string) => {
      await page.goto(`${url}/#/settings`);
      await page.getByRole('button', { name }).click();
    };
    await language('简体中文');
    try {
      await pack.open();
      await page.waitForSelector('.bench[data-phase=idle]');
      const before = await errors();
      await pack.scan('OP-1001');
      await expect.poll(said).toBe('这是你的工牌，王芳 Wang Fang；你已登录');
      expect(await errors()).toBe(before);
      expect(await pageText()).not.toContain('OP-1001');
    } finally {
      await language('English');
    }
  });
});
