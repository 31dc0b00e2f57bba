import { z } from 'zod';
import { Currency, grams, line, minor, mm, trimmed } from './common';
import { ALL, IdParam, MANAGE, Page, type RouteDef } from './routing';

// Catalog: products (SKUs) with barcodes (a case barcode counts several units) and box types with their tare.

export const BarcodeInput = z.object({ code: z.string().trim().regex(/^[\x21-\x7e]{3,64}$/, '3 to 64 printable ASCII characters, no spaces'), units: z.number().int().min(1).max(10_000).default(1) });

export const SkuInput = z.object({
  sku: z.string().trim().regex(/^[A-Za-z0-9._\-/]{1,64}$/, 'letters, digits, . _ - / up to 64'),
  name: trimmed(200),
  barcodes: z.array(BarcodeInput).max(20).default([]),
  unitWeightG: grams.nullable().optional(),
  lengthMm: mm.optional(), widthMm: mm.optional(), heightMm: mm.optional(),
  location: line(32).optional().describe('Bin location code, e.g. A-03-12-2'),
  imageUrl: z.url().max(500).optional(),
  cost: minor.optional(), price: minor.optional(), currency: Currency.optional(),
  safetyStock: z.number().int().min(0).max(1e6).optional(),
});
export type SkuInput = z.infer<typeof SkuInput>;

export const Sku = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  barcodes: z.array(z.object({ code: z.string(), units: z.number().int() })),
  unitWeightG: z.number().int().nullable(),
  lengthMm: z.number().int().nullable(), widthMm: z.number().int().nullable(), heightMm: z.number().int().nullable(),
  location: z.string().nullable(),
  imageUrl: z.string().nullable(),
  cost: z.number().int().nullable(), price: z.number().int().nullable(), currency: z.string().nullable(),
  safetyStock: z.number().int(),
  stock: z.object({ onHand: z.number().int(), reserved: z.number().int(), inTransit: z.number().int(), available: z.number().int() }),
});
export type Sku = z.infer<typeof Sku>;

export const BoxTypeInput = z.object({
  code: z.string().trim().regex(/^[\x21-\x7e]{2,32}$/, '2 to 32 printable ASCII characters'),
  name: trimmed(100),
  tareG: grams,
  lengthMm: mm.optional(), widthMm: mm.optional(), heightMm: mm.optional(),
  maxWeightG: grams.optional(),
});

export const BoxType = BoxTypeInput.extend({ id: z.string() });
export type BoxType = z.infer<typeof BoxType>;

export const catalogRoutes = {
  listSkus: {
    method: 'GET', path: '/api/skus', summary: 'Search products by SKU, barcode or name', roles: ALL,
    query: z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(100).optional() }),
    response: Page(Sku), tag: 'catalog',
  },
  createSku: { method: 'POST', path: '/api/skus', summary: 'Create a product with barcodes', roles: MANAGE, body: SkuInput, response: Sku, tag: 'catalog' },
  getSku: { method: 'GET', path: '/api/skus/:id', summary: 'One product', roles: ALL, params: IdParam, response: Sku, tag: 'catalog' },
  updateSku: { method: 'PATCH', path: '/api/skus/:id', summary: 'Change a product', roles: MANAGE, params: IdParam, body: SkuInput.partial(), response: Sku, tag: 'catalog' },
  listBoxTypes: { method: 'GET', path: '/api/box-types', summary: 'Box types with tare', roles: ALL, response: z.object({ items: z.array(BoxType) }), tag: 'catalog' },
  createBoxType: { method: 'POST', path: '/api/box-types', summary: 'Create a box type', roles: MANAGE, body: BoxTypeInput, response: BoxType, tag: 'catalog' },
} as const satisfies Record<string, RouteDef>;
