// Settings -> Labels in Chromium: the template list, a live PNG preview from the core (the session
// cookie authenticates the <img>), 300 dpi, a real order, downloads, and waybill ranges.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { CHROMIUM } from './browser';
import { LabelsPage, OrdersPage } from './pages';
import { openE2eShop, type E2eShop } from './shop';

describe(`Settings -> Labels in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;
  let labels: LabelsPage;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 40, orders: 60 });
    ({ core, url, page } = shop);
    await new OrdersPage(page, url).login('AD-3001');
    labels = new LabelsPage(page, url);
  });

  afterAll(async () => shop?.close());

  it('lists every template with its size and previews the chosen one with the right aspect ratio', async () => {
    await labels.open();
    await expect.poll(() => page.locator('[data-testid=label-templates] tbody tr').count()).toBe(7);
    await expect.poll(() => labels.templateRow('shipping-4x6').textContent()).toContain('100 × 150 mm');

    await labels.pick('cn-ewaybill-76x130');
    await expect.poll(() => page.locator('[data-testid=label-preview] h2').textContent()).toContain('76 x 130');
    const png = await labels.loadedPreview();
    expect(png.src).toBe('/api/labels/templates/cn-ewaybill-76x130/preview?format=png&dpi=203');
    expect(png).toMatchObject({ width: 76 * 8, height: 130 * 8 });
    expect(png.width / png.height).toBeCloseTo(76 / 130, 3);
  });

  it('re-renders at 300 dpi and offers PDF, ZPL and TSPL downloads of the same template', async () => {
    await labels.pick('shipping-4x6');
    await labels.dpi(300);
    await expect.poll(async () => (await labels.loadedPreview()).width).toBe(1200);
    const png = await labels.loadedPreview();
    expect(png.width / png.height).toBeCloseTo(100 / 150, 3);
    const links = await page.locator('[data-testid=label-preview] a[download]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(links).toEqual(['pdf', 'zpl', 'tspl'].map((f) => `/api/labels/templates/shipping-4x6/preview?format=${f}&dpi=300`));
    // The download really is a PDF, fetched with the page's session cookie only.
    const head = await page.evaluate(async (href) => new TextDecoder().decode((await (await fetch(href!, { credentials: 'same-origin' })).arrayBuffer()).slice(0, 5)), links[0]);
    expect(head).toBe('%PDF-');
  });

  it('previews a real order typed in, and shows why a template cannot use it', async () => {
    const number = core.db.prepare('SELECT number FROM orders ORDER BY id LIMIT 1').pluck().get() as string;
    await labels.pick('packing-slip-a4');
    await labels.dpi(203);
    await labels.previewWithOrder(number);
    await expect.poll(async () => (await labels.loadedPreview()).src).toContain(`order=${number}`);
    const png = await labels.loadedPreview();
    expect(png.width / png.height).toBeCloseTo(210 / 297, 2);
    await expect.poll(() => page.locator('[data-testid=label-preview]').textContent()).toContain(`Order ${number}`);

    await labels.previewWithOrder('PL-NO-SUCH');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('no order has the number "PL-NO-SUCH"');
  });

  it('adds a waybill number range and shows what is left', async () => {
    const panel = page.locator('[data-testid=waybill-ranges]');
    await panel.locator('input[name=carrier]').fill('jt'); // a carrier the demo shop has no range for
    await panel.locator('select[name=scheme]').selectOption('mod10');
    await panel.locator('input[name=prefix]').fill('JT');
    await panel.locator('input[name=width]').fill('10');
    await panel.locator('input[name=first]').fill('1');
    await panel.locator('input[name=last]').fill('50');
    await panel.getByRole('button', { name: 'Add range' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Range added for jt: JT0000000001\d … JT0000000050\d$/);
    await expect.poll(() => panel.locator('tbody tr', { hasText: 'JT' }).first().textContent()).toContain('50');
    // 50 numbers with the default warning level of 100: the panel says to add a range soon.
    await expect.poll(() => panel.locator('.alert.warning').textContent()).toBe('Carrier jt has 50 waybill numbers left: add a range soon.');
    expect(core.db.prepare("SELECT COUNT(*) FROM waybill_ranges WHERE carrier = 'jt'").pluck().get()).toBe(1);
  });
});
