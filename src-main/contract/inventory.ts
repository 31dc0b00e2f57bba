import { z } from 'zod';
import { trimmed } from './common';
import { ALL, MANAGE, type RouteDef } from './routing';

// Inventory: stock per SKU and bin, and audited adjustments.

export const StockRow = z.object({
  skuId: z.string(), sku: z.string(), name: z.string(), location: z.string(),
  onHand: z.number().int(), reserved: z.number().int(), inTransit: z.number().int(), available: z.number().int(),
  safetyStock: z.number().int(), belowSafety: z.boolean(),
});
export type StockRow = z.infer<typeof StockRow>;

export const StockAdjustment = z.object({
  sku: trimmed(64),
  location: trimmed(32),
  onHandDelta: z.number().int().min(-1e6).max(1e6).default(0),
  inTransitDelta: z.number().int().min(-1e6).max(1e6).default(0),
  reason: trimmed(200),
});

export const inventoryRoutes = {
  listStock: {
    method: 'GET', path: '/api/inventory', summary: 'Stock per SKU and location; available = on hand - reserved + in transit x inbound coefficient', roles: ALL,
    query: z.object({ q: z.string().trim().max(100).optional(), belowSafety: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ items: z.array(StockRow) }), tag: 'inventory',
  },
  adjustStock: { method: 'POST', path: '/api/inventory/adjustments', summary: 'Receive, count or correct stock (audited)', roles: MANAGE, body: StockAdjustment, response: StockRow, tag: 'inventory' },
} as const satisfies Record<string, RouteDef>;
