// The catalog's tables: skus, barcodes, box_types, sku_mappings (orders' store reads the mappings at intake).
import { UNMAPPED_SKU_ID } from '../../../contract/channels';
import { prep, type Db } from '../../store/db';

export interface SkuRow {
  id: string; sku: string; name: string; unit_weight_g: number | null;
  length_mm: number | null; width_mm: number | null; height_mm: number | null;
  location_code: string | null; image_url: string | null;
  cost_minor: number | null; price_minor: number | null; currency: string | null; safety_stock: number;
  active: number; image_file: string | null;
}

const SKU_SELECT = `SELECT s.*, l.code AS location_code FROM skus s LEFT JOIN locations l ON l.id = s.location_id`;

/** A SKU by its id or its SKU code. */
export function selectSkuRow(db: Db, idOrSku: string): SkuRow | undefined {
  return prep(db, `${SKU_SELECT} WHERE s.id = ? OR s.sku = ?`).get(idOrSku, idOrSku) as SkuRow | undefined;
}

export function selectBarcodesOfSku(db: Db, skuId: string): { code: string; units: number }[] {
  return prep(db, 'SELECT code, units FROM barcodes WHERE sku_id = ? ORDER BY units, code').all(skuId) as { code: string; units: number }[];
}

export function selectBarcodeOwner(db: Db, code: string): { sku: string; id: string } | undefined {
  return prep(db, 'SELECT s.sku, s.id FROM barcodes b JOIN skus s ON s.id = b.sku_id WHERE b.code = ?').get(code) as { sku: string; id: string } | undefined;
}

/** A scanned code as a barcode: every scan starts here, so it must use the primary key (tested). */
export const BARCODE_BY_CODE = 'SELECT sku_id, units FROM barcodes WHERE code = ?';

export function selectBarcode(db: Db, code: string): { sku_id: string; units: number } | undefined {
  return prep(db, BARCODE_BY_CODE).get(code) as { sku_id: string; units: number } | undefined;
}

/** The id of the SKU with this SKU code (not a barcode). */
export function selectSkuIdByCode(db: Db, sku: string): string | undefined {
  return (prep(db, 'SELECT id FROM skus WHERE sku = ?').get(sku) as { id: string } | undefined)?.id;
}

export function insertSku(db: Db, id: string, s: {
  sku: string; name: string; unitWeightG: number | null; lengthMm: number | null; widthMm: number | null; heightMm: number | null; locationId: string | null;
  imageUrl: string | null; cost: number | null; price: number | null; currency: string | null; safetyStock: number;
}, now: string): void {
  prep(db, `INSERT INTO skus (id, sku, name, unit_weight_g, length_mm, width_mm, height_mm, location_id, image_url, cost_minor, price_minor, currency, safety_stock, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(id, s.sku, s.name, s.unitWeightG, s.lengthMm, s.widthMm, s.heightMm, s.locationId, s.imageUrl, s.cost, s.price, s.currency, s.safetyStock, now, now);
}

/** A SKU row that is no product (inactive, no barcode, no bin), made once: the channels' placeholder for an unmapped channel SKU. */
export function ensurePlaceholderSku(db: Db, id: string, sku: string, name: string, now: string): void {
  prep(db, 'INSERT INTO skus (id, sku, name, created_at, updated_at, active) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING').run(id, sku, name, now, now);
}

/** Sets the given columns (names chosen by the caller's code, never by input) and updated_at. */
export function updateSkuColumns(db: Db, id: string, set: [column: string, value: unknown][], now: string): void {
  prep(db, `UPDATE skus SET ${set.map(([k]) => `${k} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(...set.map(([, v]) => v), now, id);
}

export function insertBarcodes(db: Db, skuId: string, barcodes: { code: string; units: number }[]): void {
  const ins = prep(db, 'INSERT INTO barcodes (code, sku_id, units) VALUES (?, ?, ?)');
  for (const b of barcodes) ins.run(b.code, skuId, b.units);
}

export function deleteBarcodesOfSku(db: Db, skuId: string): void {
  prep(db, 'DELETE FROM barcodes WHERE sku_id = ?').run(skuId);
}

export type SkuStatus = 'active' | 'inactive' | 'all';

/** The channels' placeholder for an unmapped channel SKU is a row of skus (order lines point at it) but no product of the shop: lists and exports leave it out. */
const NOT_PLACEHOLDER = `s.id <> '${UNMAPPED_SKU_ID}'`;

/** The filter of listSkus: a SKU code, an id, a barcode, words of the name or the start of a SKU code; active or not. */
function skuFilter(q: string | undefined, status: SkuStatus): { where: string[]; args: unknown[] } {
  const where: string[] = [NOT_PLACEHOLDER, ...(status === 'all' ? [] : [`s.active = ${status === 'active' ? 1 : 0}`])];
  if (!q) return { where, args: [] };
  where.push('(s.sku = ? OR s.id = ? OR s.id IN (SELECT sku_id FROM barcodes WHERE code = ?) OR s.name LIKE ? OR s.sku LIKE ?)');
  return { where, args: [q, q, q, `%${q}%`, `${q}%`] };
}

export function countSkus(db: Db, q: string | undefined, status: SkuStatus): number {
  const { where, args } = skuFilter(q, status);
  return (prep(db, `SELECT COUNT(*) n FROM skus s ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`).get(...args) as { n: number }).n;
}

/** One page of SKUs by SKU code after `cursor` (limit rows). */
export function selectSkuPage(db: Db, q: string | undefined, status: SkuStatus, limit: number, cursor?: string): SkuRow[] {
  const { where, args } = skuFilter(q, status);
  if (cursor) {
    where.push('s.sku > ?');
    args.push(cursor);
  }
  return prep(db, `${SKU_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY s.sku LIMIT ?`).all(...args, limit) as SkuRow[];
}

/** Every SKU by SKU code (the products export), one row at a time. */
export function iterateSkuRows(db: Db): IterableIterator<SkuRow> {
  return prep(db, `${SKU_SELECT} WHERE ${NOT_PLACEHOLDER} ORDER BY s.sku`).iterate() as IterableIterator<SkuRow>;
}

export function setSkuImage(db: Db, id: string, file: string | null, url: string | null, now: string): void {
  prep(db, 'UPDATE skus SET image_file = ?, image_url = ?, updated_at = ? WHERE id = ?').run(file, url, now, id);
}

export interface SkuMappingRow { channel: string; channelSku: string; skuId: string; sku: string; name: string }
const MAPPING_SELECT = 'SELECT m.channel, m.channel_sku channelSku, m.sku_id skuId, s.sku, s.name FROM sku_mappings m JOIN skus s ON s.id = m.sku_id';

export function selectSkuMappings(db: Db, f: { skuId?: string; channel?: string; limit: number }): SkuMappingRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.skuId) {
    where.push('m.sku_id = ?');
    args.push(f.skuId);
  }
  if (f.channel) {
    where.push('m.channel = ?');
    args.push(f.channel);
  }
  return prep(db, `${MAPPING_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY m.channel, m.channel_sku LIMIT ?`).all(...args, f.limit) as SkuMappingRow[];
}

export function selectSkuMapping(db: Db, channel: string, channelSku: string): SkuMappingRow | undefined {
  return prep(db, `${MAPPING_SELECT} WHERE m.channel = ? AND m.channel_sku = ?`).get(channel, channelSku) as SkuMappingRow | undefined;
}

export function upsertSkuMapping(db: Db, channel: string, channelSku: string, skuId: string): void {
  prep(db, 'INSERT INTO sku_mappings (channel, channel_sku, sku_id) VALUES (?, ?, ?) ON CONFLICT(channel, channel_sku) DO UPDATE SET sku_id = excluded.sku_id').run(channel, channelSku, skuId);
}

export function deleteSkuMappingRow(db: Db, channel: string, channelSku: string): boolean {
  return prep(db, 'DELETE FROM sku_mappings WHERE channel = ? AND channel_sku = ?').run(channel, channelSku).changes > 0;
}

export function boxTypeCodeExists(db: Db, code: string): boolean {
  return !!prep(db, 'SELECT 1 FROM box_types WHERE code = ?').get(code);
}

export function insertBoxType(db: Db, id: string, b: { code: string; name: string; tareG: number; lengthMm?: number; widthMm?: number; heightMm?: number; maxWeightG?: number }): void {
  prep(db, 'INSERT INTO box_types (id, code, name, tare_g, length_mm, width_mm, height_mm, max_weight_g) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, b.code, b.name, b.tareG, b.lengthMm ?? null, b.widthMm ?? null, b.heightMm ?? null, b.maxWeightG ?? null);
}

export function selectBoxTypes(db: Db): Record<string, number | string | null>[] {
  return prep(db, 'SELECT * FROM box_types ORDER BY tare_g').all() as Record<string, number | string | null>[];
}

export function selectBoxTypeRow(db: Db, id: string): Record<string, number | string | null> | undefined {
  return prep(db, 'SELECT * FROM box_types WHERE id = ? OR code = ?').get(id, id) as Record<string, number | string | null> | undefined;
}

export function updateBoxTypeRow(db: Db, id: string, b: { code: string; name: string; tareG: number; lengthMm?: number; widthMm?: number; heightMm?: number; maxWeightG?: number }): void {
  prep(db, 'UPDATE box_types SET code = ?, name = ?, tare_g = ?, length_mm = ?, width_mm = ?, height_mm = ?, max_weight_g = ? WHERE id = ?')
    .run(b.code, b.name, b.tareG, b.lengthMm ?? null, b.widthMm ?? null, b.heightMm ?? null, b.maxWeightG ?? null, id);
}
