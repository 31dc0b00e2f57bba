// A new shop in Chromium: an empty data folder, the admin badge printed at start, and the first-run
// setup walked as a newcomer does (shop, warehouse, carriers, a waybill range, the bench's printer
// with a test label, the first operator's badge card), then the operator logs in with the badge read
// back from the printed card, packs the test order at the bench, and its label decodes with zxing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchBrowser } from './browser';
import { OrdersPage, PackPage } from './pages';
import { artifacts, openE2eShop, type E2eShop } from './shop';
import { decodePng, pdfToPngs, zplToPng } from '../labels/decode-helpers';

const docs = join(import.meta.dirname, '..', '..', 'docs');

/** The setup page as a person uses it: a step, its fields, its button. */
class SetupPage {
  constructor(readonly page: Page) {}
  step = (name: string) => this.page.locator(`li[data-step=${name}]`);
  async waitOpen(name: string) {
    await this.page.locator(`li[data-step=${name}].open`).waitFor();
  }
  async fill(name: string, fields: Record<string, string>) {
    for (const [field, value] of Object.entries(fields)) await this.step(name).locator(`[name=${field}]`).fill(value);
  }
  async press(name: string, button: string) {
    await this.step(name).getByRole('button', { name: button }).click();
  }
}

describe(`First-run setup in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    shop = await openE2eShop({ skus: 0, orders: 0, bench: true, fresh: true });
    page = shop.page;
  }, 90_000);
  afterAll(async () => shop?.close());

  it('takes an empty shop to a packed parcel whose label decodes, with only the screen', async () => {
    const t0 = Date.now();
    const sim = shop.sim!;
    const setup = new SetupPage(page);
    await page.goto(shop.url);
    await page.fill('input[name=badge]', shop.adminBadge!);
    await page.press('input[name=badge]', 'Enter');
    // the admin cannot miss it: the setup opens by itself
    await page.locator('[data-testid=setup]').waitFor();
    expect(page.url()).toContain('#/setup');

    await setup.waitOpen('shop');
    await setup.fill('shop', { shopName: '小林杂货 Kobayashi Goods', senderName: '林晓', senderPhone: '0755-86001234', senderAddress: '广东省深圳市南山区科技园路1号' });
    await setup.press('shop', 'Save and continue');
    await setup.waitOpen('warehouse');
    await setup.fill('warehouse', { warehouseName: '深圳仓 Shenzhen', warehouseAddress: '广东省深圳市南山区科技园路1号' });
    await setup.press('warehouse', 'Save and continue');

    await setup.waitOpen('carriers');
    // the first warehouse is the default warehouse of Settings -> Warehouses, not a copy of its own
    expect(shop.core.db.prepare('SELECT name, address FROM warehouses WHERE is_default = 1').get()).toEqual({ name: '深圳仓 Shenzhen', address: '广东省深圳市南山区科技园路1号' });
    await setup.step('carriers').locator('input[name=use-sf]').check();
    await setup.fill('carriers', { 'services-sf': '顺丰标快 Standard, 顺丰特快 Express' });
    await setup.press('carriers', 'Save and continue');

    await setup.waitOpen('waybills');
    await setup.fill('waybills', { carrier: 'sf', prefix: 'SF', width: '12', first: '410000000000', last: '410000009999' });
    await setup.press('waybills', 'Add range');
    await setup.step('waybills').locator('.alert.ok').waitFor();
    await page.locator('[data-testid=waybills-next]').click();

    await setup.waitOpen('printer');
    await setup.fill('printer', { printerAddress: sim.printer.address });
    const before = sim.printer.labels.length;
    await setup.press('printer', 'Save and print a test label');
    await expect.poll(() => setup.step('printer').locator('[role=status]').textContent(), { timeout: 15_000 }).toContain('The test label was printed');
    expect(sim.printer.labels.length).toBeGreaterThan(before);
    await page.screenshot({ path: join(artifacts, 'setup-en.png'), fullPage: true });
    await page.locator('[data-testid=printer-next]').click();

    await setup.waitOpen('operator');
    await setup.fill('operator', { 'user-name': '王芳 Wang Fang' });
    await setup.press('operator', 'Create user');
    const shown = (await page.locator('[data-testid=fresh-badges]').textContent())!;
    const badge = /(OP-[0-9A-F]{8})/.exec(shown)![1]!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Print the badge card (PDF)' }).click()]);
    const card = readFileSync((await download.path())!);
    // the printed card, read back by a real decoder, is the badge shown once
    expect(await decodePng(pdfToPngs(card, 200)[0]!)).toEqual([badge]);
    await page.getByRole('button', { name: 'Done, the card is printed' }).click();

    await setup.waitOpen('testParcel');
    await setup.press('testParcel', 'Make the test order');
    const note = (await page.locator('[data-testid=test-order]').textContent())!;
    const number = /Test order (\S+):/.exec(note)![1]!;
    expect(note).toContain('PL-SETUP-TEST-1');

    // the operator, at the bench, with the badge from the card
    const bench = await launchBrowser();
    try {
      const op = bench.context.pages()[0] ?? (await bench.context.newPage());
      await new OrdersPage(op, shop.url).login(badge);
      const pack = new PackPage(op, shop.url);
      await pack.open();
      await expect.poll(() => pack.phase()).toBe('idle');
      await pack.scan(number);
      await expect.poll(() => pack.phase()).toBe('verify');
      await pack.scan('PL-SETUP-TEST-1');
      await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('weigh');
      const printed = sim.printer.labels.length;
      sim.scale.place(420, 200);
      await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('done');
      await sim.printer.waitForLabels(printed + 1, 10_000);
      const waybill = (await pack.lastLabel().locator('.big-number').textContent())!;
      expect(waybill).toMatch(/^SF410000000000\d$/); // the range's first number and its check digit
      const png = await zplToPng(sim.printer.labels.at(-1)!.text, 101.6, 152.4, 8);
      writeFileSync(join(artifacts, 'setup-label.png'), png);
      const codes = await decodePng(png);
      expect(codes).toContain(waybill);
      // the carrier's tracking page, from the carriers list, is the label's QR code
      expect(codes).toContain(`https://www.kuaidi100.com/chaxun?com=shunfeng&nu=${waybill}`);
    } finally {
      await bench.close();
    }

    // the setup sees the parcel labelled; finishing it closes the page for good
    await page.locator('[data-testid=finish-setup]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('[data-testid=test-order] [role=status]').textContent()).toMatch(/^Packed and labelled: waybill SF410000000000\d\.$/);
    await page.screenshot({ path: join(artifacts, 'setup-done-en.png'), fullPage: true });
    // README's picture is refreshed on request only: a test run must leave the checkout as it found it
    if (process.env.PACKLINE_UPDATE_DOCS) copyFileSync(join(artifacts, 'setup-en.png'), join(docs, 'setup.png'));
    await page.locator('[data-testid=finish-setup]').click();
    await page.locator('[data-testid=orders-table]').waitFor();
    await page.reload();
    await page.locator('[data-testid=orders-table]').waitFor();
    expect(await page.locator('[data-testid=setup-banner]').count()).toBe(0);
    expect(shop.core.db.prepare("SELECT value FROM settings WHERE key = 'setup'").pluck().get()).toBe(JSON.stringify({ open: false, done: ['shop', 'warehouse', 'carriers', 'waybills', 'printer', 'operator', 'testParcel'] }));
    // the carriers and the shop profile stay editable in Settings (screenshots to look at)
    await page.goto(`${shop.url}/#/settings/carriers`);
    await page.locator('[data-testid=carriers] tr[data-carrier=sf]').waitFor();
    expect(await page.locator('[data-testid=carriers] tr[data-carrier=sf]').textContent()).toContain('顺丰标快 Standard');
    await page.screenshot({ path: join(artifacts, 'settings-carriers-en.png'), fullPage: true });
    await page.goto(`${shop.url}/#/settings`);
    await expect.poll(() => page.locator('input[name=senderName]').inputValue()).toBe('林晓');
    await page.screenshot({ path: join(artifacts, 'settings-general-en.png'), fullPage: true });
    // how long the scripted newcomer took, from login to a finished setup
    console.log(`first-run setup, scripted in Chromium: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, 180_000);
});
