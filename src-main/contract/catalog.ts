import { z } from 'zod';
import { Currency, grams, line, minor, mm, trimmed } from './common';
import { ALL, BinaryFile, IdParam, MANAGE, Ok, Page, type RouteDef } from './routing';
import { matching } from './field-messages';
import { RowWords } from './errors';

// Catalog: products (SKUs) with barcodes (a case barcode counts several units) and box types with their tare.

export const BarcodeInput = z.object({ code: matching(z.string().trim(), /^[\x21-\x7e]{3,64}$/, 'barcode'), units: z.number().int().min(1).max(10_000).default(1) });

export const SkuInput = z.object({
  sku: matching(z.string().trim(), /^[A-Za-z0-9._\-/]{1,64}$/, 'skuCode'),
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
  active: z.boolean(),
  stock: z.object({ onHand: z.number().int(), reserved: z.number().int(), inTransit: z.number().int(), available: z.number().int() }),
});
export type Sku = z.infer<typeof Sku>;

export const SkuPatch = SkuInput.partial().extend({ active: z.boolean().optional().describe('false deactivates the product: hidden from lists, its codes still resolve') });

/** Image files a product may have, told apart by their first bytes (never by a name or a header). */
export const SKU_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const SKU_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/** A channel's SKU (what a marketplace calls the product) mapped to ours, for order intake. */
export const SkuMappingInput = z.object({
  // the channel code of OrderInput (orders.ts imports this file, so it is not imported from there)
  channel: matching(z.string().trim(), /^[a-z0-9_-]{1,32}$/, 'channelCode'),
  channelSku: trimmed(64),
  sku: trimmed(64).describe('Our SKU code (or id)'),
});
export const SkuMapping = z.object({ channel: z.string(), channelSku: z.string(), skuId: z.string(), sku: z.string(), name: z.string() });
export type SkuMapping = z.infer<typeof SkuMapping>;

/** The columns of the products file (CSV or .xlsx), in this order; barcodes as "code" or "code*units" separated by spaces or ";". */
export const PRODUCT_COLUMNS = ['sku', 'name', 'barcodes', 'unit_weight_g', 'length_mm', 'width_mm', 'height_mm', 'bin', 'safety_stock', 'price', 'currency', 'active'] as const;

export const ProductImportReport = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.array(RowWords.extend({ row: z.number().int().describe('1-based, the header is row 1'), column: z.string(), message: z.string() })),
});
export type ProductImportReport = z.infer<typeof ProductImportReport>;

export const BoxTypeInput = z.object({
  code: matching(z.string().trim(), /^[\x21-\x7e]{2,32}$/, 'boxTypeCode'),
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
    query: z.object({
      q: z.string().trim().max(100).optional(), status: z.enum(['active', 'inactive', 'all']).default('active'),
      limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(100).optional(),
    }),
    response: Page(Sku), tag: 'catalog',
  },
  createSku: { method: 'POST', path: '/api/skus', summary: 'Create a product with barcodes', roles: MANAGE, body: SkuInput, response: Sku, tag: 'catalog' },
  getSku: { method: 'GET', path: '/api/skus/:id', summary: 'One product', roles: ALL, params: IdParam, response: Sku, tag: 'catalog' },
  updateSku: { method: 'PATCH', path: '/api/skus/:id', summary: 'Change, deactivate or reactivate a product', roles: MANAGE, params: IdParam, body: SkuPatch, response: Sku, tag: 'catalog' },
  getSkuImage: {
    method: 'GET', path: '/api/skus/:id/image', summary: "A product's image", roles: ALL, params: IdParam, response: BinaryFile, responseKind: 'binary', produces: SKU_IMAGE_TYPES, tag: 'catalog',
  },
  putSkuImage: {
    method: 'PUT', path: '/api/skus/:id/image', summary: "Upload a product's image (PNG, JPEG, WebP or GIF, up to 2 MiB), stored in the data folder", roles: MANAGE,
    params: IdParam, body: z.string(), bodyKind: 'text', response: Sku, tag: 'catalog',
  },
  deleteSkuImage: { method: 'DELETE', path: '/api/skus/:id/image', summary: "Remove a product's image", roles: MANAGE, params: IdParam, response: Sku, tag: 'catalog' },
  exportSkus: {
    method: 'GET', path: '/api/skus/export', summary: 'Every product as a CSV (UTF-8 with BOM) or Excel file', roles: ALL,
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }), response: BinaryFile, responseKind: 'binary',
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], tag: 'catalog',
  },
  importSkus: {
    method: 'POST', path: '/api/skus/import', summary: 'Create or update products from a CSV or Excel file; a refused row is named by row and column, the rest import', roles: MANAGE,
    body: z.string(), bodyKind: 'text', response: ProductImportReport, tag: 'catalog',
  },
  listSkuMappings: {
    method: 'GET', path: '/api/sku-mappings', summary: "Channel SKUs mapped to ours (order intake resolves a line's channelSku with them)", roles: ALL,
    query: z.object({ sku: z.string().trim().max(64).optional(), channel: z.string().trim().max(32).optional(), limit: z.coerce.number().int().min(1).max(500).default(200) }),
    response: z.object({ items: z.array(SkuMapping) }), tag: 'catalog',
  },
  putSkuMapping: { method: 'POST', path: '/api/sku-mappings', summary: "Map a channel's SKU to ours (replaces the channel SKU's mapping)", roles: MANAGE, body: SkuMappingInput, response: SkuMapping, tag: 'catalog' },
  deleteSkuMapping: {
    method: 'DELETE', path: '/api/sku-mappings/:channel/:channelSku', summary: "Remove a channel SKU's mapping", roles: MANAGE,
    params: z.object({ channel: z.string().min(1).max(32), channelSku: z.string().min(1).max(64) }), response: Ok, tag: 'catalog',
  },
  listBoxTypes: { method: 'GET', path: '/api/box-types', summary: 'Box types with tare', roles: ALL, response: z.object({ items: z.array(BoxType) }), tag: 'catalog' },
  createBoxType: { method: 'POST', path: '/api/box-types', summary: 'Create a box type', roles: MANAGE, body: BoxTypeInput, response: BoxType, tag: 'catalog' },
  updateBoxType: { method: 'PATCH', path: '/api/box-types/:id', summary: 'Change a box type (its tare counts in every expected weight from now on)', roles: MANAGE, params: IdParam, body: BoxTypeInput.partial(), response: BoxType, tag: 'catalog' },
} as const satisfies Record<string, RouteDef>;
