// Sales channels in Chromium, with a local Shopify peer posting signed webhooks: a cancel at the
// platform stops the bench that holds the order (timed from the delivery), and a dead-letter
// write-back is retried from Settings -> Channels until the platform has the waybill.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Core } from '../../src-main/core/core';
import { CHROMIUM, launchBrowser } from './browser';
import { ChannelsPage, OrdersPage, PackPage } from './pages';
import { openE2eShop, artifacts, type E2eShop } from './shop';
import { ChannelPeer, shopifyOrder } from '../../src-main/demo/channels-peer';
import { demoShopifyChannel } from '../../src-main/core/demo/channels';
import { startChannelSync, type ChannelSync } from '../../src-main/core/modules/channels/flows';

describe(`Sales channels in Chromium (needs ${CHROMIUM})`, () => {
  let shop: E2eShop;
  let core: Core;
  let url: string;
  let page: Page;
  let peer: ChannelPeer;
  let sync: ChannelSync;

  beforeAll(async () => {
    shop = await openE2eShop({ skus: 30, orders: 20, bench: true });
    ({ core, url, page } = shop);
    peer = new ChannelPeer({ secret: 'demo-shopify-secret' });
    const apiBase = await peer.start();
    peer.opts.hookUrl = `${url}/api/hooks/${demoShopifyChannel(core, apiBase)}`;
    sync = startChannelSync(core, { tickMs: 100, retryBaseMs: 20, breakerAfter: 100 });
  }, 90_000);
  afterAll(async () => {
    sync?.stop();
    await peer?.stop();
    await shop?.close();
  });

  /** A demo SKU with a one-unit barcode in stock, and that barcode. */
  const skuWithBarcode = (skip: number) => core.db.prepare(`SELECT s.sku, b.code FROM skus s JOIN barcodes b ON b.sku_id = s.id AND b.units = 1
    JOIN inventory i ON i.sku_id = s.id WHERE i.on_hand - i.reserved > 5 AND s.unit_weight_g IS NOT NULL ORDER BY s.sku LIMIT 1 OFFSET ?`).get(skip) as { sku: string; code: string };
  const orderOf = (ext: number) => core.db.prepare("SELECT id, number, state FROM orders WHERE channel = 'shopify-demo' AND external_id = ?").get(String(ext)) as { id: string; number: string; state: string } | undefined;

  it('a cancel at Shopify stops the bench holding the order within a second of the delivery', async () => {
    const item = skuWithBarcode(0);
    const o = shopifyOrder([{ sku: item.sku, title: 'Demo item', quantity: 1, price: '399.00' }]); // above any demo cost: the demo's under-cost rule would hold it
    await peer.placeOrder(o);
    await expect.poll(() => orderOf(o.id)?.state).toBe('allocated');
    const order = orderOf(o.id)!;

    await new OrdersPage(page, url).login('OP-1001');
    const pack = new PackPage(page, url);
    await pack.open();
    await expect.poll(() => pack.phase()).toBe('idle');
    await pack.scan(order.number);
    await expect.poll(() => page.locator('[data-testid=order-number]').textContent()).toBe(order.number);
    const printed = shop.sim!.printer.labels.length;

    const t0 = Date.now();
    await peer.cancelOrder(o.id, 'customer');
    await expect.poll(() => pack.stop().isVisible(), { timeout: 5000, interval: 20 }).toBe(true);
    const ms = Date.now() - t0;
    expect(await pack.stop().locator('.stop-message').textContent()).toBe(`STOP: order ${order.number} was cancelled`);
    expect(await pack.stop().locator('[data-testid=stop-reason]').textContent()).toBe('Reason: cancelled at Shopify: customer');
    expect(ms).toBeLessThan(1000);
    await page.screenshot({ path: join(artifacts, 'channels-cancel-stop.png') });
    expect(shop.sim!.printer.labels.length).toBe(printed);
    await pack.scan('LD-2001');
    await expect.poll(() => pack.stop().count()).toBe(0);
  }, 60_000);

  it('an admin sees the connection, its inbox and a dead letter, and a retry from the screen gets the waybill to Shopify', async () => {
    const item = skuWithBarcode(1);
    const o = shopifyOrder([{ sku: item.sku, title: 'Demo item', quantity: 1, price: '399.00' }]); // above any demo cost: the demo's under-cost rule would hold it
    await peer.placeOrder(o);
    await expect.poll(() => orderOf(o.id)?.state).toBe('allocated');
    const order = orderOf(o.id)!;
    peer.failNext = 6;
    // pack it at the bench: the label is what sends the write-back
    const pack = new PackPage(page, url);
    await pack.open();
    await pack.scan(order.number);
    await expect.poll(() => pack.phase()).toBe('verify');
    await pack.scan(item.code);
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('weigh');
    shop.sim!.scale.place((await pack.expectedGrams()) ?? 500, 200);
    await expect.poll(() => pack.phase(), { timeout: 10_000 }).toBe('done');
    shop.sim!.scale.remove(50);
    const waybill = core.db.prepare("SELECT waybill FROM parcels WHERE order_id = ? AND state = 'labelled'").pluck().get(order.id) as string;
    await expect.poll(() => core.db.prepare("SELECT state FROM channel_outbox WHERE order_id = ?").pluck().get(order.id), { timeout: 20_000 }).toBe('dead');

    // the admin, in a browser of their own
    const adminBrowser = await launchBrowser();
    const admin = adminBrowser.context.pages()[0] ?? (await adminBrowser.context.newPage());
    try {
      await retryFromScreen(admin, waybill);
    } finally {
      await adminBrowser.close();
    }
    expect(peer.shopify.get(o.id)!.fulfillments.map((f) => f.tracking_number)).toEqual([waybill]);
  }, 90_000);

  it('an order with an unmapped SKU arrives held with the reason; a lead maps the SKU on the order page and the order is released', async () => {
    const item = skuWithBarcode(2);
    const o = shopifyOrder([{ sku: 'SHOP-TEE-42', title: 'Linen tee (new listing)', quantity: 1, price: '399.00' }]);
    await peer.placeOrder(o);
    await expect.poll(() => orderOf(o.id)?.state).toBe('on_hold');
    const order = orderOf(o.id)!;

    const leadBrowser = await launchBrowser();
    const lead = leadBrowser.context.pages()[0] ?? (await leadBrowser.context.newPage());
    try {
      const orders = new OrdersPage(lead, url);
      await orders.login('LD-2001');
      await lead.goto(`${url}/#/orders/${order.id}`);
      const detail = await orders.detail();
      await expect.poll(() => detail.locator('.detail-head').textContent()).toContain('On hold');
      await expect.poll(() => detail.locator('.history').textContent()).toContain('“unmapped SKU: the channel SKU SHOP-TEE-42 is mapped to none of your SKUs”');
      const row = detail.locator('[data-testid=unmapped-skus] tr[data-channel-sku="SHOP-TEE-42"]');
      await expect.poll(() => row.textContent()).toContain('Linen tee (new listing)');
      await lead.screenshot({ path: join(artifacts, 'channels-unmapped-held.png'), fullPage: true });
      await lead.evaluate(() => localStorage.setItem('pl_lang', 'zh-CN'));
      await lead.reload();
      await expect.poll(() => lead.locator('[data-testid=unmapped-skus]').textContent()).toContain('未对应的商品编码');
      await lead.screenshot({ path: join(artifacts, 'channels-unmapped-held-zh.png'), fullPage: true });
      await lead.evaluate(() => localStorage.setItem('pl_lang', 'en'));
      await lead.reload();

      await row.locator('input[name=sku]').fill(item.sku);
      await row.getByRole('button', { name: 'Map this SKU' }).click();
      await expect.poll(() => orderOf(o.id)?.state).toBe('allocated');
      await expect.poll(() => detail.locator('.detail-head').textContent()).toContain('Allocated');
      await expect.poll(() => detail.locator('[data-testid=unmapped-skus]').count()).toBe(0);
      await expect.poll(() => detail.locator('.history').textContent()).toContain('“SHOP-TEE-42 mapped to');
      await expect.poll(() => detail.locator('table.compact').first().textContent()).toContain(item.sku);
      await lead.screenshot({ path: join(artifacts, 'channels-unmapped-released.png'), fullPage: true });
    } finally {
      await leadBrowser.close();
    }
  }, 90_000);

  async function retryFromScreen(page: Page, waybill: string) {
    await new OrdersPage(page, url).login('AD-3001');
    const channels = new ChannelsPage(page, url);
    await channels.open();
    await expect.poll(() => channels.channel('shopify-demo').locator('[data-testid=webhook-url]').inputValue()).toMatch(/\/api\/hooks\/chn_/);
    await expect.poll(() => channels.channel('shopify-demo').locator('[data-testid=dead]').textContent()).toBe('1');
    await expect.poll(() => channels.writeBack(waybill).textContent()).toMatch(/dead letter/);
    await channels.channel('shopify-demo').getByRole('button', { name: 'Inbox' }).click();
    await page.waitForSelector('[data-testid=inbox] tr.delivery');
    await page.screenshot({ path: join(artifacts, 'channels-settings.png'), fullPage: true });
    await channels.retry(waybill);
    await expect.poll(() => channels.writeBack(waybill).textContent(), { timeout: 10_000 }).toMatch(/sent/);
    await page.screenshot({ path: join(artifacts, 'channels-retried.png'), fullPage: true });
  }
});
