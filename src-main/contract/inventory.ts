import { z } from 'zod';
import { freeText, line, trimmed } from './common';
import { LocationInput, WarehouseFilter } from './locations';
import { ALL, MANAGE, type RouteDef } from './routing';

// Inventory: stock per SKU and bin; receiving, adjustments, counts and moves, each recorded as a
// movement; safety-stock alerts.

export const StockRow = z.object({
  skuId: z.string(), sku: z.string(), name: z.string(), location: z.string(),
  warehouse: z.string().nullable().describe("the bin's warehouse code"),
  onHand: z.number().int(), reserved: z.number().int(), inTransit: z.number().int(), available: z.number().int(),
  safetyStock: z.number().int(), belowSafety: z.boolean(),
});
export type StockRow = z.infer<typeof StockRow>;

const reason = trimmed(200);
const binCode = LocationInput.shape.code;
const skuRef = trimmed(64).describe('A SKU code, a barcode or a SKU id');

export const StockAdjustment = z.object({
  sku: skuRef,
  location: binCode,
  onHandDelta: z.number().int().min(-1e6).max(1e6).default(0),
  inTransitDelta: z.number().int().min(-1e6).max(1e6).default(0),
  reason,
});

/** Why stock moved: every change of on hand or in transit is one of these. */
export const MOVEMENT_KINDS = ['receive', 'adjust', 'count', 'move_out', 'move_in', 'pack', 'unpack', 'restock', 'ship'] as const;
export const MovementKind = z.enum(MOVEMENT_KINDS);
export type MovementKind = z.infer<typeof MovementKind>;

export const RECEIPT_SOURCES = ['supplier', 'transfer'] as const;

export const ReceiptInput = z.object({
  source: z.enum(RECEIPT_SOURCES),
  reference: line(64).default('').describe('Supplier and delivery note, or the warehouse the transfer came from'),
  location: binCode.describe('The bin the goods go into'),
  /** each scanned code and how many times it was scanned; a case barcode counts its units */
  lines: z.array(z.object({ code: skuRef, qty: z.number().int().min(1).max(100_000) })).min(1).max(500),
  note: freeText(200).optional(),
});
export type ReceiptInput = z.infer<typeof ReceiptInput>;

export const CountInput = z.object({ sku: skuRef, location: binCode, counted: z.number().int().min(0).max(1e6), reason });
export const MoveInput = z.object({ sku: skuRef, from: binCode, to: binCode, qty: z.number().int().min(1).max(1e6), reason });

export const Movement = z.object({
  id: z.number().int(), at: z.string(), kind: MovementKind,
  skuId: z.string(), sku: z.string(), name: z.string(), location: z.string(),
  warehouse: z.string().nullable().describe("the bin's warehouse code"),
  onHandDelta: z.number().int(), inTransitDelta: z.number().int(), onHandAfter: z.number().int(),
  reason: z.string().nullable(), reference: z.string().nullable(), actor: z.string(), actorName: z.string().nullable(),
});
export type Movement = z.infer<typeof Movement>;

export const SafetyAlert = z.object({ skuId: z.string(), sku: z.string(), name: z.string(), available: z.number().int(), safetyStock: z.number().int() });
export type SafetyAlert = z.infer<typeof SafetyAlert>;

export const inventoryRoutes = {
  listStock: {
    method: 'GET', path: '/api/inventory', summary: 'Stock per SKU and location; available = on hand - reserved + in transit x inbound coefficient', roles: ALL,
    query: WarehouseFilter.extend({ q: z.string().trim().max(100).optional(), belowSafety: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ items: z.array(StockRow) }), tag: 'inventory',
  },
  adjustStock: { method: 'POST', path: '/api/inventory/adjustments', summary: 'Adjust stock up or down with a reason (recorded as a movement)', roles: MANAGE, body: StockAdjustment, response: StockRow, tag: 'inventory' },
  receiveStock: {
    method: 'POST', path: '/api/inventory/receipts', summary: 'Receive scanned goods from a supplier or a transfer into a bin', roles: MANAGE, body: ReceiptInput,
    response: z.object({ lines: z.array(z.object({ sku: z.string(), units: z.number().int(), onHand: z.number().int() })), units: z.number().int() }), tag: 'inventory',
  },
  countStock: { method: 'POST', path: '/api/inventory/counts', summary: 'Record a count: on hand in the bin becomes what was counted', roles: MANAGE, body: CountInput, response: StockRow, tag: 'inventory' },
  moveStock: {
    method: 'POST', path: '/api/inventory/moves', summary: 'Move units between bins (reserved units stay where they are)', roles: MANAGE, body: MoveInput,
    response: z.object({ from: StockRow, to: StockRow }), tag: 'inventory',
  },
  listMovements: {
    method: 'GET', path: '/api/inventory/movements', summary: 'Stock movements, newest first; filter by SKU, bin, kind, person and date', roles: ALL,
    query: z.object({
      sku: z.string().trim().max(64).optional(), location: z.string().trim().max(32).optional(), kind: MovementKind.optional(),
      actor: z.string().trim().max(80).optional().describe('user id'),
      from: z.iso.date().optional(), to: z.iso.date().optional().describe("inclusive, the shop's day (its time zone)"),
      before: z.coerce.number().int().min(1).optional().describe('cursor: movements with a smaller id'),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: z.object({ items: z.array(Movement), nextCursor: z.number().int().nullable() }), tag: 'inventory',
  },
  stockAlerts: {
    method: 'GET', path: '/api/inventory/alerts', summary: 'Active products whose available stock is under their safety stock', roles: ALL,
    response: z.object({ count: z.number().int(), items: z.array(SafetyAlert) }), tag: 'inventory',
  },
} as const satisfies Record<string, RouteDef>;
