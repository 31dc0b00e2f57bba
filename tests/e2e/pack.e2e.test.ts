// The packing bench in Chromium, through the WebSocket bridge, with the simulated scale, scanner
// and printer: an operator packs a demo order end to end, and a cancel from the core stops the
// bench that holds the order.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import type { SimulatedBench } from '../../src-main/devices';
import { launchBrowser, CHROMIUM } from './browser';
import { OrdersPage, PackPage } from './pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';
import { zplToPng, decodePng } from '../labels/decode-helpers';

describe(`Pack screen in Chromium (needs ${CHROMIUM}: apt-get install chromium)`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let sim: SimulatedBench;
  let page: Page;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 200, bench: true });
    ({ core, url, page } = shop);
    sim = shop.sim!;
  }, 90_000);
  afterAll(async () => shop?.close());

  /** An allocated demo order of the bench's warehouse (the default one: 广州仓 MAIN) whose every line has a barcode, with those barcodes. */
  function packableOrder(skip = 0, extra = ''): { id: string; number: string; codes: string[] } {
    const rows = core.db.prepare(`
      SELECT o.id, o.number FROM orders o
      WHERE o.state = 'allocated' AND o.carrier IN (SELECT carrier FROM waybill_ranges) ${extra}
        AND o.warehouse_id = (SELECT id FROM warehouses WHERE is_default = 1)
        AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND NOT EXISTS (SELECT 1 FROM barcodes b WHERE b.sku_id = l.sku_id AND b.units = 1))
      ORDER BY o.id LIMIT 1 OFFSET ?`).all(skip) as { id: string; number: string }[];
    const o = rows[0]!;
    const codes = (core.db.prepare(`
      SELECT (SELECT code FROM barcodes b WHERE b.sku_id = l.sku_id AND b.units = 1 LIMIT 1) AS code, l.qty FROM order_lines l WHERE l.order_id = ?`).all(o.id) as { code: string; qty: number }[])
      .flatMap((l) => Array.from({ length: l.qty }, () => l.code));
    return { ...o, codes };
  }

  it('packs a stream of demo orders with the scanner alone: each label prints in the printer simulator and scans back', async () => {
    await new OrdersPage(page, url).login('OP-1001');
    const pack = new PackPage(page, url);
    await pack.open();
    await expect.poll(() => pack.phase()).toBe('idle'); // the screen's user is on the bench
    // the bench says which warehouse it packs in, beside its name
    await expect.poll(() => page.locator('[data-testid=bench-warehouse]').textContent()).toMatch(/广州仓.* MAIN$/);
    // a stream of orders, one after the other, nothing but scans and the scale
    for (let i = 0; i < 3; i++) {
      const order = packableOrder(10 + i);
      await pack.scan(order.number);
      await expect.poll(() => page.locator('[data-testid=order-number]').textContent()).toBe(order.number);
      await expect.poll(() => pack.phase()).toBe('verify');
      for (const code of order.codes) await pack.scan(code);
      await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('weigh');
      sim.scale.place((await pack.expectedGrams()) ?? 500, 200);
      await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('done');
      await sim.printer.waitForLabels(i + 1, 10_000);
      const waybill = (await pack.lastLabel().locator('.big-number').textContent())!;
      // the printed 4x6 label (203 dpi), read back by a real decoder
      expect(await decodePng(await zplToPng(sim.printer.labels[i]!.text, 101.6, 152.4, 8))).toContain(waybill);
      sim.scale.remove(50);
    }
    await page.screenshot({ path: join(artifacts, 'pack-done.png') });
  }, 60_000);

  it('a cancel made from the Orders screen stops the bench that holds the order, and nothing prints', async () => {
    const pack = new PackPage(page, url);
    sim.scale.remove(50);
    const order = packableOrder(3);
    await pack.scan(order.number);
    await expect.poll(() => page.locator('[data-testid=order-number]').textContent()).toBe(order.number);
    const printed = sim.printer.labels.length;
    // the lead cancels it from the Orders screen of another browser
    const leadBrowser = await launchBrowser();
    try {
      const leadPage = leadBrowser.context.pages()[0] ?? (await leadBrowser.context.newPage());
      const orders = new OrdersPage(leadPage, url);
      await orders.login('LD-2001');
      await orders.scan(order.number);
      const detail = await orders.detail();
      await detail.locator('[data-action=cancel]').click();
      await leadPage.fill('input[name=reason]', 'customer cancelled');
      await leadPage.press('input[name=reason]', 'Enter');
      await expect.poll(() => detail.locator('.badge.big').textContent()).toBe('Cancelled');
    } finally {
      await leadBrowser.close();
    }
    await expect.poll(() => pack.stop().isVisible(), { timeout: 5000 }).toBe(true);
    // the stop names the order as people know it, and says why the lead cancelled it
    expect(await pack.stop().locator('.stop-message').textContent()).toBe(`STOP: order ${order.number} was cancelled`);
    expect(await pack.stop().locator('[data-testid=stop-reason]').textContent()).toBe('Reason: customer cancelled');
    await page.screenshot({ path: join(artifacts, 'pack-stop.png') });
    expect(sim.printer.labels.length).toBe(printed);
    // a skip does not lift a cancelled order's stop: a lead's badge does
    await pack.scan('PL-CMD-SKIP');
    await new Promise((r) => setTimeout(r, 500));
    expect(await pack.stop().isVisible()).toBe(true);
    await pack.scan('LD-2001');
    await expect.poll(() => pack.stop().count()).toBe(0);
  }, 60_000);
  it('a parcel with an unweighed product proposes its weight; a lead accepts it on the Products screen', async () => {
    const pack = new PackPage(page, url);
    sim.scale.remove(50);
    await pack.scan('PL-CMD-SKIP');
    // a product the shop has not weighed yet, in a new order of two units
    const sku = core.db.prepare(`SELECT k.id, k.sku, (SELECT code FROM barcodes b WHERE b.sku_id = k.id AND b.units = 1 LIMIT 1) AS code FROM skus k
      WHERE EXISTS (SELECT 1 FROM barcodes b WHERE b.sku_id = k.id AND b.units = 1) AND (SELECT SUM(on_hand - reserved) FROM inventory i WHERE i.sku_id = k.id) > 5 LIMIT 1`).get() as { id: string; sku: string; code: string };
    core.db.prepare('UPDATE skus SET unit_weight_g = NULL WHERE id = ?').run(sku.id);
    const lead = (await (await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ badge: 'LD-2001' }) })).json()) as { token: string };
    const created = await fetch(`${url}/api/orders`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${lead.token}`, 'Idempotency-Key': 'e2e-unweighed' },
      body: JSON.stringify({ channel: 'shop', externalId: 'E2E-W1', carrier: core.db.prepare('SELECT carrier FROM waybill_ranges LIMIT 1').pluck().get(), shipTo: { name: '赵六', phone: '13700001111', country: 'CN', city: '上海市', address1: '浦东新区世纪大道100号' }, lines: [{ sku: sku.sku, qty: 2 }] }),
    });
    const order = { ...((await created.json()) as { id: string; number: string }), codes: [sku.code, sku.code] };
    await pack.scan(order.number);
    await expect.poll(() => page.locator('[data-testid=order-number]').textContent()).toBe(order.number);
    for (const code of order.codes) await pack.scan(code);
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('weigh');
    const box = core.db.prepare('SELECT tare_g FROM box_types WHERE code = ?').pluck().get(await page.locator('.bench-side').evaluate((el) => /\(([^()]+)\) · /.exec(el.textContent ?? '')?.[1] ?? '')) as number | undefined;
    const perUnit = 123;
    sim.scale.place((box ?? 0) + perUnit * order.codes.length, 200);
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('done');

    await page.locator('nav button.ghost').click(); // log out; the lead logs in
    await new OrdersPage(page, url).login('LD-2001');
    await page.goto(`${url}/#/products`);
    const row = page.locator(`[data-testid=weight-proposals] tr[data-sku="${sku.sku}"]`);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => row.locator('input').inputValue()).toBe(String(perUnit));
    await page.screenshot({ path: join(artifacts, 'weight-proposals.png') });
    await row.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => core.db.prepare('SELECT unit_weight_g FROM skus WHERE id = ?').pluck().get(sku.id)).toBe(perUnit);
  }, 60_000);

  it('a lead opening Pack on a bench in use watches it, their scans change nothing, and they take it over only with the button', async () => {
    // an operator packs on the bench from their own browser
    const opBrowser = await launchBrowser();
    try {
      const opPage = opBrowser.context.pages()[0] ?? (await opBrowser.context.newPage());
      await new OrdersPage(opPage, url).login('OP-1002');
      const opPack = new PackPage(opPage, url);
      await opPack.open();
      await expect.poll(() => opPage.locator('.bench-head').textContent()).toContain('Lucas Martin');
      // the lead (signed in on `page` by the test before) opens Pack: the station refuses the login, the screen watches
      const leadPack = new PackPage(page, url);
      await leadPack.open();
      const watching = page.locator('[data-testid=watching]');
      await expect.poll(() => watching.textContent()).toContain('Watching: Lucas Martin is packing on this bench');
      const order = packableOrder(30);
      const phase = await opPack.phase();
      await leadPack.scan(order.number);
      // said at the top beside who packs here, not at the foot of the side panel; without the code:
      // an order not on the bench is told from a badge only by asking the core
      const notTaken = watching.locator('[data-testid=not-taken]');
      await expect.poll(() => notTaken.textContent()).toBe('the scan was not taken: this screen only watches the bench');
      // a command is no badge: named
      await leadPack.scan('PL-CMD-NEWBOX');
      await expect.poll(() => notTaken.textContent()).toBe('PL-CMD-NEWBOX was not taken: this screen only watches the bench');
      // the operator's badge scanned here is not echoed
      await leadPack.scan('OP-1002');
      await expect.poll(() => notTaken.textContent()).toBe('the scan was not taken: this screen only watches the bench');
      expect(await page.content()).not.toContain('OP-1002');
      const box = (await notTaken.boundingBox())!;
      expect(box.y + box.height).toBeLessThan((await page.locator('[data-testid=banner]').boundingBox())!.y + 1);
      expect(await opPack.phase()).toBe(phase);
      expect(await opPage.locator('[data-testid=order-number]').count() === 0 || (await opPage.locator('[data-testid=order-number]').textContent()) !== order.number).toBe(true);
      expect(core.db.prepare('SELECT state FROM orders WHERE id = ?').pluck().get(order.id)).toBe('allocated');
      await page.screenshot({ path: join(artifacts, 'pack-watching.png') });
      await watching.getByRole('button', { name: 'Take over the bench' }).click();
      await expect.poll(() => watching.count()).toBe(0);
      await expect.poll(() => opPage.locator('.bench-head').textContent()).toContain('Chen Jing');
      // the operator's screen watches now
      await opPack.scan(order.number);
      await expect.poll(() => opPage.locator('[data-testid=watching]').textContent()).toContain('Chen Jing');
    } finally {
      await opBrowser.close();
    }
  }, 60_000);
});
