import { z } from 'zod';
import { line, trimmed } from './common';
import { OrderInput } from './orders';
import { MANAGE, type RouteDef } from './routing';

// Imports: CSV files with saved column mappings.

/** A CSV column mapping a shop saves once per export format: our field -> their column header. */
export const CSV_FIELDS = ['externalId', 'sku', 'channelSku', 'qty', 'unitPrice', 'lineName', 'name', 'phone', 'country', 'province', 'city', 'district', 'address1', 'address2', 'postcode', 'carrier', 'service', 'shipBy', 'note', 'total', 'currency'] as const;

export const CsvField = z.enum(CSV_FIELDS);
export type CsvField = z.infer<typeof CsvField>;

export const CsvMappingInput = z.object({
  name: trimmed(100),
  channel: OrderInput.shape.channel,
  columns: z.partialRecord(CsvField, z.string().min(1).max(200)).refine((c) => c.externalId && (c.sku || c.channelSku) && c.qty, {
    message: 'map at least externalId, sku or channelSku, and qty',
  }),
  defaults: z.object({ country: line(2).optional(), currency: line(3).optional(), carrier: line(32).optional() }).default({}),
});
export type CsvMappingInput = z.infer<typeof CsvMappingInput>;

export const CsvMapping = CsvMappingInput.extend({ id: z.string(), createdAt: z.string() });
export type CsvMapping = z.infer<typeof CsvMapping>;

export const ImportReport = z.object({
  encoding: z.string(),
  rows: z.number().int(),
  orders: z.number().int(),
  created: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), externalId: z.string().nullable(), code: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const importsRoutes = {
  listCsvMappings: { method: 'GET', path: '/api/csv-mappings', summary: 'Saved CSV column mappings', roles: MANAGE, response: z.object({ items: z.array(CsvMapping) }), tag: 'import' },
  createCsvMapping: { method: 'POST', path: '/api/csv-mappings', summary: 'Save a CSV column mapping once per export format', roles: MANAGE, body: CsvMappingInput, response: CsvMapping, tag: 'import' },
  previewCsv: {
    method: 'POST', path: '/api/imports/csv/preview', summary: 'Detect encoding and headers of a CSV file (UTF-8 or GBK) before mapping it', roles: MANAGE, body: z.string(), bodyKind: 'text',
    response: z.object({ encoding: z.string(), headers: z.array(z.string()), sample: z.array(z.array(z.string())), rows: z.number().int(),
      complete: z.boolean().describe('false: the file is longer than the preview reads (its first 1 MiB); rows counts the rows in that part') }), tag: 'import',
  },
  importCsv: {
    method: 'POST', path: '/api/imports/csv', summary: 'Import orders from a CSV file with a saved mapping; rows of one order are grouped by externalId', roles: MANAGE,
    query: z.object({ mapping: z.string().min(1).max(100) }), body: z.string(), bodyKind: 'text', response: ImportReport, tag: 'import',
  },
} as const satisfies Record<string, RouteDef>;
