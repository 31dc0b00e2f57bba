// A shop with a Shopify connection pointed at a local Shopify peer (src-main/demo/channels-peer.ts),
// on the real core and HTTP server: SKU-A/SKU-B in stock, a waybill range for sf (packing fixture).
import { ChannelPeer, shopifyOrder, type ShopifyOrderDoc } from '../../../src-main/demo/channels-peer';
import { channelSync, type ChannelSync } from '../../../src-main/core/modules/channels/flows';
import { startPackShop, start, postParcel, type PackShop } from '../packing/fixture';

export interface ChannelShop extends PackShop {
  peer: ChannelPeer;
  channelId: string;
  sync: ChannelSync;
  close(): Promise<void>;
}

export const SECRET = 'shpss_test_secret_1234';

export async function startChannelShop(extra: Record<string, unknown> = {}): Promise<ChannelShop> {
  const shop = await startPackShop();
  const peer = new ChannelPeer({ secret: SECRET });
  const apiBase = await peer.start();
  const r = await shop.s.as('admin', 'POST', '/api/channels', {
    kind: 'shopify', name: 'Test store', code: 'shopify-test', secret: SECRET, apiBase, apiKey: 'shpat_demo', defaultCarrier: 'sf', carrierNames: { sf: 'SF Express' }, pollMinutes: 0, ...extra,
  });
  if (r.status !== 200) throw new Error(`connection refused: ${r.status} ${r.text}`);
  peer.opts.hookUrl = r.body.webhookUrl;
  const sync = channelSync(shop.s.core);
  sync.start({ tickMs: 60_000, retryBaseMs: 5, breakerAfter: 100, breakerMs: 50 });
  return { ...shop, peer, channelId: r.body.id, sync, async close() {
    sync.stop();
    await peer.stop();
    await shop.s.close();
  } };
}

export const orderOf = (shop: ChannelShop, externalId: number | string) =>
  shop.s.core.db.prepare("SELECT id, number, state FROM orders WHERE channel = 'shopify-test' AND external_id = ?").get(String(externalId)) as { id: string; number: string; state: string } | undefined;

export const ordersOfChannel = (shop: ChannelShop) => shop.s.core.db.prepare("SELECT COUNT(*) FROM orders WHERE channel = 'shopify-test'").pluck().get() as number;

/** A paid Shopify order for SKU-A (qty 1), shaped like the documentation's example. */
export const aOrder = (qty = 1, over: Partial<ShopifyOrderDoc> = {}) => shopifyOrder([{ sku: 'SKU-A', title: 'Aviator sunglasses', quantity: qty, price: '89.99' }], over);

/** Packs the order's SKU-A units as one labelled parcel at bench B1; returns the parcel. */
export async function labelIt(shop: ChannelShop, orderId: string, qty = 1): Promise<{ id: string; waybill: string }> {
  const v = (await start(shop.s, orderId)).body.order.version;
  const r = await postParcel(shop.s, orderId, { bench: 'B1', expectedVersion: v, boxTypeId: null, items: [{ skuId: shop.sku.A, qty }], measuredG: 100 * qty, final: true });
  if (r.status !== 201) throw new Error(`parcel refused: ${r.status} ${r.text}`);
  return r.body.parcel;
}
