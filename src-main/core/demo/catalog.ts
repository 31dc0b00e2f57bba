// The demo's products and stock beyond the opening counts: pictures for a few SKUs, channel SKU
// mappings for the marketplaces, a morning's stock work by the lead (a supplier receipt, a count, a
// move) and a product pushed under its safety level, so the Inventory badge and the feed show it.
import type { Core } from '../core';
import type { Actor } from '../store/events';
import { listUsers } from '../modules/people/queries';
import { skuRowOf } from '../modules/catalog/queries';
import { putSkuMapping } from '../modules/catalog/actions/sku-mappings';
import { setSkuImageFile } from '../modules/catalog/actions/sku-image';
import { storeSkuImageSync } from '../modules/catalog/images';
import { countStock, moveStock, receiveStock } from '../modules/inventory/actions/stock-work';
import { stockAt } from '../modules/inventory/queries';
import { ensureLocation } from '../modules/locations/actions/create-location';
import { productPng, type Shape } from './product-images';

type Rgb = [number, number, number];
const PICTURES: [sku: string, bg: Rgb, fg: Rgb, shape: Shape][] = [
  ['WH-0001', [214, 234, 248], [31, 97, 141], 'bar'], // thermos cup
  ['WH-0002', [232, 218, 239], [91, 44, 111], 'circle'], // earbuds
  ['WH-0003', [253, 235, 208], [175, 96, 26], 'square'], // phone case
  ['WH-0004', [212, 239, 223], [30, 132, 73], 'diamond'], // cable
  ['WH-0005', [250, 219, 216], [146, 43, 33], 'square'], // power bank
  ['WH-0007', [235, 237, 239], [66, 73, 73], 'circle'], // mug
];

const MAPPINGS: [channel: string, channelSku: string, sku: string][] = [
  ['taobao', 'TB-6672001', 'WH-0001'], ['taobao', 'TB-6672002', 'WH-0002'], ['jd', '100012345601', 'WH-0001'],
  ['jd', '100012345603', 'WH-0003'], ['shopify', 'thermos-cup-blue', 'WH-0001'], ['douyin', 'DY-8801-05', 'WH-0005'],
];

export function seedCatalogDemo(core: Core, system: Actor): void {
  const ctx = core.ctx;
  const lead = listUsers(ctx).find((u) => u.role === 'lead');
  const by: Actor = lead ? { id: lead.id, role: 'lead', name: lead.name } : system;
  for (const [sku, bg, fg, shape] of PICTURES) {
    const row = skuRowOf(ctx, sku);
    if (core.dataDir) setSkuImageFile(ctx, row.id, storeSkuImageSync(core.dataDir, row.id, productPng(bg, fg, shape)), system);
  }
  for (const [channel, channelSku, sku] of MAPPINGS) putSkuMapping(ctx, { channel, channelSku, sku }, system);
  receiveStock(ctx, { source: 'supplier', reference: '义乌小商品 delivery note 20261203-07', location: 'A-01-01-1', lines: [{ code: 'WH-0001', qty: 24 }, { code: 'CASE-WH-0001-6', qty: 2 }] }, by);
  receiveStock(ctx, { source: 'transfer', reference: 'from Guangzhou warehouse', location: 'B-02-01-2', lines: [{ code: 'WH-0002', qty: 12 }] }, by);
  // the count leaves 2 free units, under the safety level of 10: the alert shows on the Inventory badge
  const counted = freeIn(core, 'WH-0003', 'C-03-01-3');
  countStock(ctx, { sku: 'WH-0003', location: 'C-03-01-3', counted: counted.reserved + 2, reason: 'cycle count: shelf had less than the system said' }, by);
  const move = Math.min(5, freeIn(core, 'WH-0004', 'D-04-01-4').free);
  if (move > 0) moveStock(ctx, { sku: 'WH-0004', from: 'D-04-01-4', to: 'A-01-01-1', qty: move, reason: 'closer to the benches' }, by);
}

function freeIn(core: Core, sku: string, bin: string): { reserved: number; free: number } {
  const row = stockAt(core.ctx, skuRowOf(core.ctx, sku).id, ensureLocation(core.ctx, bin));
  return { reserved: row.reserved, free: row.onHand - row.reserved };
}
