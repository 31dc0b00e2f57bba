// The first-run setup's test parcel: a test product (in stock, weight unknown, so any stable weight
// passes at the bench) and an order of one unit to the shop's own sender address, for a carrier.
import type { CoreContext } from '../../../context';
import { SETUP_TEST_SKU, type SetupTestOrder } from '../../../../contract/setup';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { OrderInput } from '../../../../contract/orders';
import type { Actor } from '../../../store/events';
import { createSku } from '../../catalog/actions/skus';
import { resolveSkuCode } from '../../catalog/queries';
import { ensureLocation } from '../../locations/actions/create-location';
import { adjustStock } from '../../inventory/actions/adjust-stock';
import { createOrder } from '../../orders/actions/create-orders';
import { shopSettings } from '../../settings/shop-settings';
import { assertCarrierKnown } from '../../shipping/queries';

const TEST_BIN = 'A-01-01-1';

/** The city in a one-line address (深圳市 in 广东省深圳市南山区...), else the warehouse's name. */
const cityOf = (address: string, fallback: string) => /([^省]{2,8}?市)/.exec(address)?.[1] ?? (fallback || 'Local');

export function createTestOrder(ctx: CoreContext, carrier: string, actor: Actor): SetupTestOrder {
  assertCarrierKnown(ctx.db, carrier);
  const s = shopSettings(ctx);
  if (!s.sender.name || !s.sender.address || !s.sender.phone) fail('validation', said('senderFirst'), [issue('sender', said('missing'))]);
  let sku = resolveSkuCode(ctx, SETUP_TEST_SKU)?.skuId;
  if (!sku) sku = createSku(ctx, { sku: SETUP_TEST_SKU, name: 'Packline test item 测试商品', barcodes: [{ code: `${SETUP_TEST_SKU}-1`, units: 1 }], unitWeightG: null, location: TEST_BIN }, actor).id;
  adjustStock(ctx, { skuId: sku, locationId: ensureLocation(ctx, TEST_BIN), onHandDelta: 1, inTransitDelta: 0, reason: 'first-run setup: test parcel' }, actor);
  const input = OrderInput.safeParse({
    channel: 'setup', externalId: `TEST-${ctx.clock.now()}`, carrier,
    shipTo: { name: s.sender.name, phone: s.sender.phone, country: 'CN', city: cityOf(s.sender.address, s.warehouse.name), address1: s.sender.address },
    lines: [{ sku: SETUP_TEST_SKU, qty: 1 }], note: 'Packline first-run setup: test parcel',
  });
  if (!input.success) {
    const issue = input.error.issues[0]!;
    fail('validation', `the test parcel goes to your sender address, and its ${issue.path.join('.').replace('shipTo.', '')} is not accepted: ${issue.message}`, [{ path: `sender.${String(issue.path.at(-1))}`, message: issue.message }]);
  }
  const o = createOrder(ctx, input.data!, actor);
  return { orderId: o.orderId, orderNumber: o.order?.number ?? o.orderId, itemBarcode: `${SETUP_TEST_SKU}-1`, carrier };
}
