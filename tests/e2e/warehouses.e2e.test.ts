// A lead's per-warehouse screens in Chromium, on the demo shop's two warehouses: picking 成都仓
// Chengdu on the Waves console shows only Chengdu's waves, and the Stock screen (the same choice,
// remembered) only Chengdu's bins; "all" shows both. The lead edits the routing on its screen, and
// reads it in Chinese.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { CHROMIUM } from './browser';
import { WavesPage } from './pages';
import { artifacts, openE2eShop, type E2eShop } from './shop';

/** The warehouse picker and the lists it filters. */
class WarehouseScreens {
  constructor(private readonly page: Page, private readonly url: string) {}
  async pick(code: string) {
    await this.page.locator('[data-testid=warehouse-picker]').selectOption(code);
  }
  waveNumbers() {
    return this.page.locator('[data-testid=wave-list] [data-wave]').evaluateAll((els) => els.map((e) => e.getAttribute('data-wave')));
  }
  async openStock() {
    await this.page.goto(`${this.url}/#/inventory`);
    await this.page.locator('[data-testid=stock-table] tbody tr').first().waitFor();
  }
  stockWarehouses() {
    return this.page.locator('[data-testid=stock-table] tbody td[data-col=warehouse]').allTextContents();
  }
}

describe(`Warehouses and routing in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 40, orders: 200 });
    ({ core, url, page } = shop);
  });
  afterAll(async () => shop?.close());

  it('a lead picks Chengdu on the waves screen and sees only its waves, then only its stock', async () => {
    const wavesOf = (code: string) => core.db.prepare('SELECT w.number FROM waves w JOIN warehouses h ON h.id = w.warehouse_id WHERE h.code = ? ORDER BY w.number').pluck().all(code) as string[];
    const chengdu = wavesOf('CD');
    const guangzhou = wavesOf('MAIN');
    expect(chengdu.length).toBeGreaterThan(0);
    expect(guangzhou.length).toBeGreaterThan(0);
    const waves = new WavesPage(page, url);
    await waves.login('LD-2001');
    const screens = new WarehouseScreens(page, url);
    await expect.poll(async () => (await screens.waveNumbers()).length).toBe(chengdu.length + guangzhou.length); // all, the owner's view
    await screens.pick('CD');
    await expect.poll(() => screens.waveNumbers()).toEqual(expect.arrayContaining(chengdu));
    await expect.poll(async () => (await screens.waveNumbers()).length).toBe(chengdu.length);
    await page.screenshot({ path: join(artifacts, 'waves-chengdu.png'), fullPage: true });

    await screens.openStock();
    await expect.poll(() => page.locator('[data-testid=warehouse-picker]').inputValue()).toBe('CD');
    await expect.poll(async () => new Set(await screens.stockWarehouses())).toEqual(new Set(['CD']));
    await page.screenshot({ path: join(artifacts, 'stock-chengdu.png'), fullPage: true });
    await screens.pick('');
    await expect.poll(async () => new Set(await screens.stockWarehouses())).toEqual(new Set(['CD', 'MAIN']));
  });

  it('a lead adds a city to the Chengdu rule on the routing screen; it reads in Chinese', async () => {
    await page.goto(`${url}/#/settings/routing`);
    const rules = page.locator('[data-testid=routing-rules]');
    await expect.poll(() => rules.locator('input[name=rule-0-provinces]').inputValue()).toContain('四川');
    await rules.locator('input[name=rule-0-cities]').fill('西安 宝鸡');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => (core.db.prepare('SELECT cities FROM routing_rules WHERE position = 1').pluck().get() as string)).toBe('["西安","宝鸡"]');
    await expect.poll(() => page.locator('[data-testid=transfers] tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'routing.png'), fullPage: true });
    await page.evaluate(() => localStorage.setItem('pl_lang', 'zh-CN'));
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=settings-routing]').textContent()).toContain('区域规则');
    await page.screenshot({ path: join(artifacts, 'routing-zh.png'), fullPage: true });
    await page.goto(`${url}/#/settings/warehouses`);
    await expect.poll(() => page.locator('[data-testid=settings-warehouses]').textContent()).toContain('成都仓 Chengdu');
    await page.screenshot({ path: join(artifacts, 'warehouses-zh.png'), fullPage: true });
  });

  it("an admin gives Chengdu its own sf cut-off on Settings -> Warehouses; the Waves console's cards show it for Chengdu only", async () => {
    await page.goto(`${url}/#/settings/warehouses`);
    await page.evaluate(() => localStorage.setItem('pl_lang', 'en'));
    await page.reload();
    // whoever is logged in (the lead, after the tests above) logs out
    const logout = page.locator('nav.nav > button.ghost');
    await page.locator('input[name=badge], nav.nav > button.ghost').first().waitFor();
    if (await logout.count()) await logout.click();
    await page.locator('input[name=badge]').waitFor();
    await page.fill('input[name=badge]', 'AD-3001');
    await page.press('input[name=badge]', 'Enter');
    await page.goto(`${url}/#/settings/warehouses`);
    await page.locator('[data-testid=settings-warehouses] tr[data-warehouse=CD]').click();
    const cutoffs = page.locator('[data-testid=settings-warehouses] input[name=cutoffs]');
    await expect.poll(() => cutoffs.inputValue()).toBe('sf 16:00, zto 16:30'); // the demo's
    await cutoffs.fill('sf 15:10, zto 16:30');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => core.db.prepare("SELECT carrier_cutoffs FROM warehouses WHERE code = 'CD'").pluck().get()).toBe('{"sf":"15:10","zto":"16:30"}');
    await expect.poll(() => page.locator('[data-testid=settings-warehouses] tr[data-warehouse=CD]').textContent()).toContain('sf 15:10');
    await page.screenshot({ path: join(artifacts, 'warehouses-cutoffs.png'), fullPage: true });

    await page.locator('nav.nav > button.ghost').click();
    await new WavesPage(page, url).login('LD-2001');
    const screens = new WarehouseScreens(page, url);
    const sfCard = page.locator('[data-testid=cutoffs] [data-carrier=sf] .when');
    await screens.pick('CD');
    await expect.poll(() => sfCard.textContent()).toContain('15:10');
    await page.screenshot({ path: join(artifacts, 'waves-cutoffs-chengdu.png'), fullPage: true });
    await screens.pick('MAIN');
    await expect.poll(() => sfCard.textContent()).toContain('18:00');
  }, 60_000);
});
