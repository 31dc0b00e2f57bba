// The merging demo: merging switched on for 拼多多 orders, and one buyer's two orders to one address
// (the second written with spaces and full-width digits): the Orders page and Settings -> Merging show
// them as one shipment, and the bench packs them as one parcel when either is scanned.
import type { Core } from '../core';
import type { OrderInput } from '../../contract/orders';
import type { Actor } from '../store/events';
import { createOrder } from '../modules/orders/actions/create-orders';
import { putMergeSettings } from '../modules/merges/actions/merge';

/** Orders this demo adds to the shop (the demo seed's test counts them). */
export const DEMO_MERGES_ORDERS = 2;

const SHIP_TO: OrderInput['shipTo'] = { name: '林小敏', phone: '13900008888', country: 'CN', province: '广东省', city: '广州市', district: '天河区', address1: '天河路208号粤海天河城大厦1806', postcode: '510620' };

export function seedMergesDemo(core: Core, system: Actor): { first: string; second: string } {
  const ctx = core.ctx;
  putMergeSettings(ctx, { enabled: true, channels: ['pinduoduo'] }, system);
  const order = (externalId: string, shipTo: OrderInput['shipTo'], sku: string, qty: number, unitPrice: number) =>
    createOrder(ctx, { channel: 'pinduoduo', externalId, shipTo, lines: [{ sku, qty, unitPrice }], carrier: 'zto', total: { amount: qty * unitPrice, currency: 'CNY' } }, system).orderId;
  const first = order('PDD-261203-0001', SHIP_TO, 'DEMO-TEA-01', 1, 16_800);
  const second = order('PDD-261203-0002', { ...SHIP_TO, phone: '139 0000 8888', address1: '天河路２０８号 粤海天河城大厦 1806' }, 'WH-0001', 2, 4_900);
  return { first, second };
}
