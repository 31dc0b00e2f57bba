// An order that arrived with an unmapped channel SKU was routed without that line (nobody knew what
// it was): once the SKU is mapped, the order is routed again, to the warehouse that has the stock,
// and released and allocated there, with the move audited.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startChannelShop, aOrder, orderOf, type ChannelShop } from './fixture';
import { addSku } from '../helpers';
import { unmappedSkusIn } from '../../../src-main/contract/channels';
import { en } from '../../../src-renderer/lib/locales/en';
import { zhCN } from '../../../src-renderer/lib/locales/zh-CN';

let shop: ChannelShop;
beforeAll(async () => {
  shop = await startChannelShop();
  const { s } = shop;
  addSku(s.core, 'SKU-CD'); // stocked in Chengdu only
  expect((await s.as('admin', 'POST', '/api/warehouses', { code: 'CD', name: '成都仓 Chengdu', province: '四川', city: '成都' })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/locations', { code: 'CD-01-01-1', warehouse: 'CD' })).status).toBe(201);
  expect((await s.as('lead', 'POST', '/api/inventory/adjustments', { sku: 'SKU-CD', location: 'CD-01-01-1', onHandDelta: 10, inTransitDelta: 0, reason: 'opening stock' })).status).toBe(200);
  expect((await s.as('lead', 'PUT', '/api/routing', { enabled: true, priority: ['MAIN', 'CD'], rules: [] })).status).toBe(200);
});
afterAll(() => shop.close());

describe('an unmapped SKU mapped later', () => {
  it('routes the held order again to the warehouse with the stock, then releases and allocates it there', async () => {
    const o = aOrder(1);
    o.line_items = [{ ...o.line_items[0]!, sku: 'CH-LENS-9', title: 'Lens kit', quantity: 3 }];
    await shop.peer.postShopify('orders/create', o);
    await shop.sync.drained();
    const held = orderOf(shop, o.id)!;
    expect(held.state).toBe('on_hold');
    const cd = (await shop.s.as('viewer', 'GET', '/api/warehouses')).body.items.find((w: { code: string }) => w.code === 'CD').id as string;
    expect((await shop.s.as('lead', 'GET', `/api/orders/${held.id}`)).body.warehouseId).toBe('wh_default'); // routed without the line

    expect((await shop.s.as('lead', 'POST', '/api/sku-mappings', { channel: 'shopify-test', channelSku: 'CH-LENS-9', sku: 'SKU-CD' })).status).toBe(200);
    const after = (await shop.s.as('lead', 'GET', `/api/orders/${held.id}`)).body;
    expect(after).toMatchObject({ state: 'allocated', warehouseId: cd });
    expect(after.lines).toMatchObject([{ sku: 'SKU-CD', qty: 3, reserved: 3 }]);
    expect((await shop.s.as('viewer', 'GET', '/api/inventory?q=SKU-CD&warehouse=CD')).body.items).toEqual([expect.objectContaining({ location: 'CD-01-01-1', reserved: 3 })]);
    const history = (await shop.s.as('lead', 'GET', `/api/orders/${held.id}/events`)).body.items.map((e: { type: string; reason: string | null }) => [e.type, e.reason]);
    expect(history.slice(-4)).toEqual([
      ['order.sku_mapped', null], ['order.warehouse_assigned', 'CH-LENS-9 mapped to SKU-CD'], ['order.release', 'CH-LENS-9 mapped to SKU-CD'], ['order.allocated', 'CH-LENS-9 mapped to SKU-CD'],
    ]);
  });
});

describe('an unmapped SKU in words', () => {
  it("holds the order with a reason a person reads (not the placeholder's id), which a screen says in English or 中文", async () => {
    const o = aOrder(2);
    o.line_items = [{ ...o.line_items[0]!, sku: 'CH-CAP-7', title: 'Lens cap', quantity: 1 }];
    await shop.peer.postShopify('orders/create', o);
    await shop.sync.drained();
    const held = orderOf(shop, o.id)!;
    const hold = (await shop.s.as('lead', 'GET', `/api/orders/${held.id}/events`)).body.items.find((e: { type: string }) => e.type === 'order.hold');
    expect(hold.reason).toBe('unmapped SKU CH-CAP-7');
    const order = (await shop.s.as('lead', 'GET', `/api/orders/${held.id}`)).body;
    expect(JSON.stringify(order.lines.map((l: { sku: string; name: string }) => [l.sku, l.name]))).not.toContain('sku_unmapped');
    // a release is refused in words, and nothing changes
    const refused = await shop.s.as('lead', 'POST', `/api/orders/${held.id}/actions/release`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/channel SKU is mapped to none of your SKUs/);
    expect(refused.body.error.message).not.toContain('sku_unmapped');
    expect(orderOf(shop, o.id)!.state).toBe('on_hold');
    // the screens find the reason in the core's words and say it in theirs
    const found = unmappedSkusIn(`order ${held.number} is on hold (${hold.reason}): put it aside for a lead`)!;
    expect(found.skus).toBe('CH-CAP-7');
    expect(en.common.unmappedSkuReason.replace('{{skus}}', found.skus)).toBe('unmapped SKU: the channel SKU CH-CAP-7 is mapped to none of your SKUs');
    expect(zhCN.common.unmappedSkuReason.replace('{{skus}}', found.skus)).toBe('商品未对应：平台商品编码 CH-CAP-7 没有对应到本店任何 SKU');
  });
});
