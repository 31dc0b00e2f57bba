import { prep } from '../../store/db';
import type { CoreContext } from '../../context';
import type { Sku, SkuInput, BoxType } from '../../../contract/catalog';
import { BoxTypeInput } from '../../../contract/catalog';
import type { z } from 'zod';
import { fail, notFound } from '../../../lib/errors';
import { appendEvent, type Actor } from '../../store/events';
import { stockOfSku } from '../inventory/inventory';
import { ensureLocation } from '../locations/actions/create-location';

interface SkuRow {
  id: string; sku: string; name: string; unit_weight_g: number | null;
  length_mm: number | null; width_mm: number | null; height_mm: number | null;
  location_code: string | null; image_url: string | null;
  cost_minor: number | null; price_minor: number | null; currency: string | null; safety_stock: number;
}

const SKU_SELECT = `SELECT s.*, l.code AS location_code FROM skus s LEFT JOIN locations l ON l.id = s.location_id`;

function toSku(ctx: CoreContext, r: SkuRow): Sku {
  const barcodes = prep(ctx.db, 'SELECT code, units FROM barcodes WHERE sku_id = ? ORDER BY units, code').all(r.id) as { code: string; units: number }[];
  return {
    id: r.id, sku: r.sku, name: r.name, barcodes,
    unitWeightG: r.unit_weight_g, lengthMm: r.length_mm, widthMm: r.width_mm, heightMm: r.height_mm,
    location: r.location_code, imageUrl: r.image_url,
    cost: r.cost_minor, price: r.price_minor, currency: r.currency, safetyStock: r.safety_stock,
    stock: stockOfSku(ctx, r.id),
  };
}

export function getSku(ctx: CoreContext, id: string): Sku {
  const r = prep(ctx.db, `${SKU_SELECT} WHERE s.id = ? OR s.sku = ?`).get(id, id) as SkuRow | undefined;
  return r ? toSku(ctx, r) : notFound('SKU', id);
}

function assertBarcodesFree(ctx: CoreContext, barcodes: { code: string }[], skuId: string | null) {
  const seen = new Set<string>();
  barcodes.forEach((b, i) => {
    if (seen.has(b.code)) fail('validation', `barcode ${b.code} is listed twice`, [{ path: `barcodes.${i}.code`, message: 'duplicate' }]);
    seen.add(b.code);
    const owner = prep(ctx.db, 'SELECT s.sku, s.id FROM barcodes b JOIN skus s ON s.id = b.sku_id WHERE b.code = ?').get(b.code) as { sku: string; id: string } | undefined;
    if (owner && owner.id !== skuId) fail('conflict', `barcode ${b.code} already belongs to SKU ${owner.sku}`, [{ path: `barcodes.${i}.code`, message: `used by ${owner.sku}` }]);
  });
}

export function createSku(ctx: CoreContext, input: SkuInput, actor: Actor): Sku {
  if (prep(ctx.db, 'SELECT 1 FROM skus WHERE sku = ?').get(input.sku)) fail('conflict', `SKU ${input.sku} already exists`, [{ path: 'sku', message: 'exists' }]);
  assertBarcodesFree(ctx, input.barcodes, null);
  const id = ctx.ids('sku');
  const now = ctx.clock.iso();
  const locationId = input.location ? ensureLocation(ctx, input.location) : null;
  prep(ctx.db, 
      `INSERT INTO skus (id, sku, name, unit_weight_g, length_mm, width_mm, height_mm, location_id, image_url, cost_minor, price_minor, currency, safety_stock, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, input.sku, input.name, input.unitWeightG ?? null, input.lengthMm ?? null, input.widthMm ?? null, input.heightMm ?? null, locationId,
      input.imageUrl ?? null, input.cost ?? null, input.price ?? null, input.currency ?? null, input.safetyStock ?? 0, now, now);
  const insertBarcode = prep(ctx.db, 'INSERT INTO barcodes (code, sku_id, units) VALUES (?, ?, ?)');
  for (const b of input.barcodes) insertBarcode.run(b.code, id, b.units);
  appendEvent(ctx.db, ctx.clock, { type: 'sku.created', entity: 'sku', entityId: id, actor, data: { sku: input.sku } });
  return getSku(ctx, id);
}

export function updateSku(ctx: CoreContext, id: string, patch: Partial<SkuInput>, actor: Actor): Sku {
  const current = getSku(ctx, id);
  if (patch.sku && patch.sku !== current.sku && prep(ctx.db, 'SELECT 1 FROM skus WHERE sku = ?').get(patch.sku)) {
    fail('conflict', `SKU ${patch.sku} already exists`, [{ path: 'sku', message: 'exists' }]);
  }
  const cols: Record<string, unknown> = {
    sku: patch.sku, name: patch.name, unit_weight_g: patch.unitWeightG, length_mm: patch.lengthMm, width_mm: patch.widthMm, height_mm: patch.heightMm,
    image_url: patch.imageUrl, cost_minor: patch.cost, price_minor: patch.price, currency: patch.currency, safety_stock: patch.safetyStock,
    location_id: patch.location === undefined ? undefined : patch.location ? ensureLocation(ctx, patch.location) : null,
  };
  const set = Object.entries(cols).filter(([, v]) => v !== undefined);
  if (set.length) {
    prep(ctx.db, `UPDATE skus SET ${set.map(([k]) => `${k} = ?`).join(', ')}, updated_at = ? WHERE id = ?`)
      .run(...set.map(([, v]) => v), ctx.clock.iso(), current.id);
  }
  if (patch.barcodes) {
    assertBarcodesFree(ctx, patch.barcodes, current.id);
    prep(ctx.db, 'DELETE FROM barcodes WHERE sku_id = ?').run(current.id);
    const ins = prep(ctx.db, 'INSERT INTO barcodes (code, sku_id, units) VALUES (?, ?, ?)');
    for (const b of patch.barcodes) ins.run(b.code, current.id, b.units ?? 1);
  }
  appendEvent(ctx.db, ctx.clock, { type: 'sku.updated', entity: 'sku', entityId: current.id, actor, data: { fields: Object.keys(patch) } });
  return getSku(ctx, current.id);
}

/** Products matching a SKU code, a barcode, or words of the name. Keyset pagination by id. */
export function listSkus(ctx: CoreContext, q: string | undefined, limit: number, cursor?: string) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q) {
    where.push(`(s.sku = ? OR s.id = ? OR s.id IN (SELECT sku_id FROM barcodes WHERE code = ?) OR s.name LIKE ? OR s.sku LIKE ?)`);
    args.push(q, q, q, `%${q}%`, `${q}%`);
  }
  const total = (prep(ctx.db, `SELECT COUNT(*) n FROM skus s ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`).get(...args) as { n: number }).n;
  if (cursor) {
    where.push('s.sku > ?');
    args.push(cursor);
  }
  const rows = prep(ctx.db, `${SKU_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY s.sku LIMIT ?`)
    .all(...args, limit + 1) as SkuRow[];
  const page = rows.slice(0, limit);
  return { items: page.map((r) => toSku(ctx, r)), total, nextCursor: rows.length > limit ? page[page.length - 1]!.sku : null };
}

/** Resolves a scanned or imported code to a SKU: barcode first (with its unit count), then SKU code. */
export function resolveSkuCode(ctx: CoreContext, code: string): { skuId: string; units: number } | null {
  const b = prep(ctx.db, 'SELECT sku_id, units FROM barcodes WHERE code = ?').get(code) as { sku_id: string; units: number } | undefined;
  if (b) return { skuId: b.sku_id, units: b.units };
  const s = prep(ctx.db, 'SELECT id FROM skus WHERE sku = ?').get(code) as { id: string } | undefined;
  return s ? { skuId: s.id, units: 1 } : null;
}

export function createBoxType(ctx: CoreContext, input: z.infer<typeof BoxTypeInput>, actor: Actor): BoxType {
  if (prep(ctx.db, 'SELECT 1 FROM box_types WHERE code = ?').get(input.code)) fail('conflict', `box type ${input.code} already exists`, [{ path: 'code', message: 'exists' }]);
  const id = ctx.ids('box');
  prep(ctx.db, 'INSERT INTO box_types (id, code, name, tare_g, length_mm, width_mm, height_mm, max_weight_g) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, input.code, input.name, input.tareG, input.lengthMm ?? null, input.widthMm ?? null, input.heightMm ?? null, input.maxWeightG ?? null);
  appendEvent(ctx.db, ctx.clock, { type: 'box_type.created', entity: 'box_type', entityId: id, actor, data: { code: input.code } });
  return { id, ...input };
}

export function listBoxTypes(ctx: CoreContext): BoxType[] {
  const rows = prep(ctx.db, 'SELECT * FROM box_types ORDER BY tare_g').all() as Record<string, number | string | null>[];
  return rows.map((r) => ({
    id: r.id as string, code: r.code as string, name: r.name as string, tareG: r.tare_g as number,
    lengthMm: (r.length_mm as number) ?? undefined, widthMm: (r.width_mm as number) ?? undefined, heightMm: (r.height_mm as number) ?? undefined,
    maxWeightG: (r.max_weight_g as number) ?? undefined,
  }));
}

