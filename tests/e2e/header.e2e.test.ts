// The header bar in Chromium at the smallest window a back office is used at (1366 x 768): every
// screen's link, the lead's name and Log out fit in English and in Chinese; a name too long for the
// bar is cut short with an ellipsis and read whole on hover (its title), never pushing Log out off.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { CHROMIUM } from './browser';
import { OrdersPage } from './pages';
import { openE2eShop, type E2eShop } from './shop';
import { raiseAlert } from '../../src-main/core/modules/alerts/actions/raise';

describe(`Header bar at 1366 x 768 in Chromium (needs ${CHROMIUM})`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 200 });
    ({ core, url, page } = shop);
    // The bar as a busy day shows it: two-digit badges on Inventory (under safety stock) and Alerts.
    core.db.prepare('UPDATE skus SET safety_stock = 1000000').run();
    core.writes.runNow(() => {
      for (let i = 0; i < 12; i++) raiseAlert(core.ctx, { key: `test.header.${i}`, windowMinutes: 60, title: `Alert ${i}`, detail: '', todo: 'look', level: 'warning', value: 1 });
    });
    await page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(async () => shop?.close());

  /** A fresh login in `lang` (a test before may have left someone logged in). */
  async function loginAs(badge: string, lang: string) {
    await page.goto(`${url}/#/orders`);
    await page.evaluate(`sessionStorage.removeItem('pl_token'); localStorage.setItem('pl_lang', '${lang}')`);
    await page.reload();
    await new OrdersPage(page, url).login(badge);
    await page.evaluate('document.fonts.ready');
  }

  /** Where Log out is, and whether the bar hides anything (scrolls sideways). */
  const bar = async () => ({
    logout: (await page.locator('nav button.ghost').boundingBox())!,
    hidden: (await page.evaluate('document.querySelector("nav.nav").scrollWidth - document.querySelector("nav.nav").clientWidth')) as number,
    page: (await page.evaluate('document.documentElement.scrollWidth')) as number,
  });

  for (const lang of ['en', 'zh-CN']) {
    it(`the lead 陈静 Chen Jing (${lang}): Log out is whole inside the window and the bar hides nothing`, async () => {
      await loginAs('LD-2001', lang);
      await expect.poll(() => page.locator('.who').getAttribute('title')).toContain('陈静 Chen Jing');
      await expect.poll(() => page.locator('[data-testid=safety-badge]').textContent()).toMatch(/^\d\d$/);
      await expect.poll(() => page.locator('[data-testid=alerts-badge]').textContent()).toMatch(/^\d\d$/);
      const b = await bar();
      expect(b.logout.x).toBeGreaterThanOrEqual(0);
      expect(b.logout.x + b.logout.width).toBeLessThanOrEqual(1366);
      expect(b.logout.y + b.logout.height).toBeLessThanOrEqual(52);
      expect(b.hidden).toBe(0);
      expect(b.page).toBeLessThanOrEqual(1366);
      // the role in the screen's language, as Settings -> Users names it
      expect(await page.locator('.who .role').textContent()).toBe(lang === 'en' ? 'Shift lead' : '组长');
    });
  }

  it('a name too long for the bar is cut short (whole in its title); Log out stays inside the window', async () => {
    const long = '欧阳娜娜 Ouyang Nana-Konstantinopoulou (second shift, dock 3)';
    core.db.prepare("UPDATE users SET name = ? WHERE name = '陈静 Chen Jing'").run(long);
    await loginAs('LD-2001', 'en');
    await expect.poll(() => page.locator('.who').getAttribute('title')).toContain(long);
    const b = await bar();
    expect(b.logout.x + b.logout.width).toBeLessThanOrEqual(1366);
    expect(b.hidden).toBe(0);
    expect(await page.evaluate('(() => { const n = document.querySelector(".who-name"); return n.scrollWidth > n.clientWidth; })()')).toBe(true);
  });
});
