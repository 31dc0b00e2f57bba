// The demo shop's product costs, so Money shows profit after fees: each demo SKU costs 6.00 to
// 11.00 yuan (the demo sells a line for 19.90 and up), and every ninth has no cost in the catalog,
// so some orders show "cost unknown" as a real shop's do. Costs are in CNY: the shop's USD orders
// show cost unknown too (a cost in another currency is not counted).
import type { Core } from '../core';
import type { Actor } from '../store/events';
import { updateSku } from '../modules/catalog/actions/skus';
import { selectSkuIdByCode } from '../modules/catalog/store';

export function seedProfitDemo(core: Core, system: Actor, skus: readonly string[]): void {
  skus.forEach((code, i) => {
    const id = selectSkuIdByCode(core.db, code);
    if (id !== undefined && i % 9 !== 8) updateSku(core.ctx, id, { cost: 600 + (i % 11) * 50, currency: 'CNY' }, system);
  });
}
