import { z } from 'zod';
import { ADMIN, type RouteDef } from './routing';
import { CarrierCode } from './carriers';

// First-run setup: what the Setup page needs beyond the other modules' routes. Its progress is the
// `setup` setting (PUT /api/settings); this makes the test parcel's order.

/** The test product the setup's parcel holds: its SKU is also its barcode, so it is scanned as printed. */
export const SETUP_TEST_SKU = 'PL-SETUP-TEST';

export const SetupTestOrder = z.object({
  orderId: z.string(),
  orderNumber: z.string().describe('scan or type it at the bench'),
  itemBarcode: z.string().describe('scan or type it at the bench for the one item'),
  carrier: z.string(),
});
export type SetupTestOrder = z.infer<typeof SetupTestOrder>;

export const setupRoutes = {
  createSetupTestOrder: {
    method: 'POST', path: '/api/setup/test-order', summary: 'First-run setup: a test order (one test item, to the shop\'s own sender address) for a carrier, to pack at the bench', roles: ADMIN,
    body: z.object({ carrier: CarrierCode }), response: SetupTestOrder, tag: 'setup',
  },
} as const satisfies Record<string, RouteDef>;
