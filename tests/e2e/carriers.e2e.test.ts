// Carriers and tracking in Chromium (issue 16), with the simulated Kuaidi100 on 127.0.0.1: an admin sets
// up ZTO's e-waybill account on Settings > Carrier accounts and tests it; an operator packs a demo ZTO
// order at the bench and the printer simulator gets a 76 x 130 e-waybill whose barcode reads back as the
// number the carrier issued, with its sorting code; after the handover the carrier's pushes show as the
// journey on the order, and a refused parcel comes first on the Tracking screen with what to do. On
// Settings > Carriers a refused carrier is answered beside the form's Save, on screen on a 1366 x 768 laptop,
// and Edit on a row brings the form (at the bottom of the page) into view with its first field focused.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import type { SimulatedBench } from '../../src-main/devices';
import { CHROMIUM } from './browser';
import { OrdersPage, PackPage } from './pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';
import { zplToPng, decodePng } from '../labels/decode-helpers';
import { startKuaidi100Peer, PEER_CUSTOMER, PEER_KEY, PEER_SECRET, type Kuaidi100Peer } from '../../src-main/demo/kuaidi100-peer';

describe(`Carriers and tracking in Chromium (needs ${CHROMIUM})`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let sim: SimulatedBench;
  let page: Page;
  let peer: Kuaidi100Peer;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 60, orders: 200, bench: true });
    ({ core, url, page } = shop);
    sim = shop.sim!;
    peer = await startKuaidi100Peer();
  }, 90_000);
  afterAll(async () => {
    await peer?.close();
    await shop?.close();
  });

  /** An allocated demo ZTO order to a Chinese address whose every line has a one-unit barcode. */
  function ztoOrder(): { id: string; number: string; codes: string[] } {
    const o = core.db.prepare(`
      SELECT o.id, o.number FROM orders o WHERE o.state = 'allocated' AND o.carrier = 'zto' AND json_extract(o.ship_to, '$.country') = 'CN'
        AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND NOT EXISTS (SELECT 1 FROM barcodes b WHERE b.sku_id = l.sku_id AND b.units = 1))
      ORDER BY o.id LIMIT 1`).get() as { id: string; number: string };
    const codes = (core.db.prepare(`SELECT (SELECT code FROM barcodes b WHERE b.sku_id = l.sku_id AND b.units = 1 LIMIT 1) AS code, l.qty FROM order_lines l WHERE l.order_id = ?`)
      .all(o.id) as { code: string; qty: number }[]).flatMap((l) => Array.from({ length: l.qty }, () => l.code));
    return { ...o, codes };
  }

  it('an admin sets up the ZTO e-waybill account on the screen and the test call says it works', async () => {
    await new OrdersPage(page, url).login('AD-3001');
    await page.goto(`${url}/#/settings/carrier-accounts`);
    const form = page.locator('[data-testid=carrier-account-form]');
    await form.waitFor();
    await form.locator('input[name=carrier]').fill('zto');
    await form.locator('select[name=source]').selectOption('kuaidi100');
    await form.locator('select[name=template]').selectOption('cn-ewaybill-76x130');
    const fields: Record<string, string> = {
      key: PEER_KEY, secret: PEER_SECRET, customer: PEER_CUSTOMER, partnerId: 'ZTO-DEMO-001', service: '标准快递', apiBase: peer.url, pollBase: peer.url,
      callbackUrl: `${url}/api/tracking/kuaidi100/push`,
    };
    for (const [k, v] of Object.entries(fields)) await form.locator(`input[name=${k}]`).fill(v);
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('[data-testid=carrier-accounts] [role=status]').textContent()).toContain('zto');
    await page.locator('button[data-test=zto]').click();
    await expect.poll(() => page.locator('[data-testid=carrier-accounts] [role=status]').textContent()).toMatch(/Works: Kuaidi100 accepted the key and signature/);
    await page.screenshot({ path: join(artifacts, 'carrier-accounts.png'), fullPage: true });
    await page.locator('nav button.ghost').click(); // log out
  }, 60_000);

  it("Settings > Carriers answers a refused carrier beside the form's Save, on screen at 1366 x 768, the field by its label, and stores nothing", async () => {
    const admin = await shop.browser.context.newPage(); // a tab of its own: the other tests' page keeps its session
    try {
      await admin.setViewportSize({ width: 1366, height: 768 });
      await new OrdersPage(admin, url).login('AD-3001');
      await admin.goto(`${url}/#/settings/carriers`);
      const screen = admin.locator('[data-testid=carriers]');
      await screen.locator('tr[data-carrier]').first().waitFor();
      await screen.getByRole('button', { name: 'Add a carrier' }).click();
      const form = screen.locator('form.carrier-form');
      await form.locator('input[name=code]').fill('deppon');
      await form.locator('input[name=nameEn]').fill('Deppon Express');
      await form.locator('input[name=nameZh]').fill('德邦快递');
      await form.locator('input[name=trackingUrl]').fill('https://www.deppon.com/track'); // no {number}: refused
      await form.locator('button[type=submit]').click();
      const refusal = screen.locator('.alert.error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toBe('Tracking page: an http(s) address with {number} where the waybill number goes, or empty');
      expect(await form.locator('.alert.error').count(), 'the refusal is in the form that was sent').toBe(1);
      const box = (await refusal.boundingBox())!;
      expect(box.y, 'the refusal is on screen').toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, 'the refusal is on screen').toBeLessThanOrEqual(768);
      expect(core.db.prepare("SELECT count(*) FROM carriers WHERE code = 'deppon'").pluck().get()).toBe(0);
      await admin.screenshot({ path: join(artifacts, 'carriers-refused.png') });
      // a good address saves; the form closes and says so where it was
      await form.locator('input[name=trackingUrl]').fill('https://www.deppon.com/track?no={number}');
      await form.locator('button[type=submit]').click();
      await expect.poll(() => screen.locator('[role=status]').textContent()).toBe('Carrier deppon added');
      expect(await screen.locator('.alert.error').count()).toBe(0);
      expect(core.db.prepare("SELECT tracking_url FROM carriers WHERE code = 'deppon'").pluck().get()).toBe('https://www.deppon.com/track?no={number}');
    } finally {
      await admin.close();
    }
  }, 60_000);

  it('Settings > Carriers: Edit on a row brings the form into view at 1366 x 768, its first field focused; so does Add a carrier', async () => {
    const admin = await shop.browser.context.newPage();
    try {
      await admin.setViewportSize({ width: 1366, height: 768 });
      await new OrdersPage(admin, url).login('AD-3001');
      await admin.goto(`${url}/#/settings/carriers`);
      const screen = admin.locator('[data-testid=carriers]');
      const first = screen.locator('tr[data-carrier]').first();
      await first.waitFor();
      const code = await first.getAttribute('data-carrier');
      const onScreen = async (what: string, l: ReturnType<typeof screen.locator>) => {
        await expect.poll(async () => {
          const b = await l.boundingBox();
          return !!b && b.y >= 0 && b.y + b.height <= 768;
        }, { message: `${what} is on screen` }).toBe(true);
      };
      const form = screen.locator('form.carrier-form');
      await first.getByRole('button', { name: 'Edit' }).click();
      await expect.poll(() => form.locator('h3').textContent()).toContain(`(${code})`);
      const nameEn = form.locator('input[name=nameEn]'); // the first field when editing: the code is not changed
      await onScreen('the first field', nameEn);
      await expect.poll(() => nameEn.evaluate((el) => el === document.activeElement), { message: 'the first field is focused' }).toBe(true);
      await admin.screenshot({ path: join(artifacts, 'carriers-edit.png') });
      // Add a carrier (at the bottom, where the form opens) focuses the code
      await form.getByRole('button', { name: 'Cancel' }).click();
      await screen.getByRole('button', { name: 'Add a carrier' }).click();
      const codeField = form.locator('input[name=code]');
      await onScreen('the code field', codeField);
      await expect.poll(() => codeField.evaluate((el) => el === document.activeElement), { message: 'the code field is focused' }).toBe(true);
      await form.getByRole('button', { name: 'Cancel' }).click();
      expect(await screen.locator('.alert').count()).toBe(0);
    } finally {
      await admin.close();
    }
  }, 60_000);

  it('a demo ZTO order packed at the bench prints a 76x130 e-waybill: its barcode reads back as the carrier-issued number', async () => {
    await new OrdersPage(page, url).login('OP-1001');
    const pack = new PackPage(page, url);
    await pack.open();
    await expect.poll(() => pack.phase()).toBe('idle');
    const order = ztoOrder();
    await pack.scan(order.number);
    await expect.poll(() => pack.phase()).toBe('verify');
    for (const code of order.codes) await pack.scan(code);
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('weigh');
    sim.scale.place((await pack.expectedGrams()) ?? 500, 200);
    await expect.poll(() => pack.phase(), { timeout: 15_000 }).toBe('done');
    await sim.printer.waitForLabels(1, 10_000);
    const issued = peer.issued.at(-1)!;
    const zpl = sim.printer.labels[0]!.text;
    // 76 x 130 mm at 203 dpi (8 dots/mm): ^PW608 ^LL1040
    expect(zpl).toMatch(/\^PW608/);
    const png = await zplToPng(zpl, 76, 130, 8);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(artifacts, 'carriers-printed-76x130.png'), png);
    expect(await decodePng(png)).toContain(issued.number);
    expect(await pack.lastLabel().textContent()).toContain(issued.number);
    expect(issued.bulkpen).toMatch(/^\d{3}-/);
    await page.screenshot({ path: join(artifacts, 'carriers-pack-done.png') });
    sim.scale.remove(50);

    // The lead hands ZTO its parcels; the carrier's pushes become the journey on the order.
    const token = (await (await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge: 'LD-2001' }) })).json()).token as string;
    const m = await fetch(`${url}/api/manifests`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ carrier: 'zto' }) });
    expect(m.status).toBe(201);
    await expect.poll(() => peer.subscriptions.has(issued.number), { timeout: 10_000 }).toBe(true);
    await peer.advance(issued.number); // 揽收
    await peer.advance(issued.number, { state: '14', word: '拒签', context: '收件人拒收，快件退回中' });
    await page.locator('nav button.ghost').click(); // log out; the lead looks
    await new OrdersPage(page, url).login('LD-2001');
    await page.goto(`${url}/#/orders/${order.id}`);
    const journey = page.locator('[data-testid=order-tracking]');
    await expect.poll(() => journey.locator('li').count(), { timeout: 10_000 }).toBe(2);
    expect(await journey.textContent()).toContain('揽收');
    await page.screenshot({ path: join(artifacts, 'carriers-order-journey.png'), fullPage: true });
    await page.goto(`${url}/#/tracking`);
    const first = page.locator('[data-testid=tracking] tbody tr').first();
    await expect.poll(() => first.getAttribute('data-waybill')).toBe(issued.number);
    expect(await first.locator('[data-stall]').getAttribute('data-stall')).toBe('refused');
    await page.screenshot({ path: join(artifacts, 'carriers-tracking.png'), fullPage: true });
  }, 90_000);
});
