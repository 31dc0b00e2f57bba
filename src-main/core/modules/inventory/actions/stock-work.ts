// What people do with stock: receive scanned goods, count a bin, move units between bins. Each is
// made of adjustStock calls, so each line is checked and recorded the same way.
import type { CoreContext } from '../../../context';
import type { ReceiptInput, StockRow } from '../../../../contract/inventory';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import type { Actor } from '../../../store/events';
import { resolveSkuCode } from '../../catalog/queries';
import { ensureLocation } from '../../locations/actions/create-location';
import { ensureStockCounts } from '../store';
import { adjustStock } from './adjust-stock';

/** A SKU code, barcode or id as a SKU (a case barcode with its units), or a refusal naming the field. */
export function skuOfCode(ctx: CoreContext, code: string, path: string): { skuId: string; units: number } {
  return resolveSkuCode(ctx, code) ?? fail('validation', said('unknownSkuOrBarcode', { code }), [issue(path, said('unknown'))]);
}

/** Goods in: each scanned code times its count (a case barcode counts its units) onto the bin. */
export function receiveStock(ctx: CoreContext, input: ReceiptInput, actor: Actor) {
  const resolved = input.lines.map((l, i) => ({ ...skuOfCode(ctx, l.code, `lines.${i}.code`), qty: l.qty }));
  const locationId = ensureLocation(ctx, input.location);
  const reference = `${input.source}${input.reference ? `: ${input.reference}` : ''}`;
  // the same SKU scanned by its unit and its case barcode is one line of the receipt
  const units = new Map<string, number>();
  for (const r of resolved) units.set(r.skuId, (units.get(r.skuId) ?? 0) + r.qty * r.units);
  const lines = [...units].map(([skuId, n]) => {
    const row = adjustStock(ctx, { skuId, locationId, onHandDelta: n, inTransitDelta: 0, reason: input.note || `received from ${input.source}`, kind: 'receive', reference }, actor);
    return { sku: row.sku, units: n, onHand: row.onHand };
  });
  return { lines, units: lines.reduce((n, l) => n + l.units, 0) };
}

/** A count: on hand in the bin becomes what was counted (the difference is the movement). */
export function countStock(ctx: CoreContext, input: { sku: string; location: string; counted: number; reason: string }, actor: Actor): StockRow {
  const { skuId } = skuOfCode(ctx, input.sku, 'sku');
  const locationId = ensureLocation(ctx, input.location);
  const cur = ensureStockCounts(ctx.db, skuId, locationId);
  return adjustStock(ctx, { skuId, locationId, onHandDelta: input.counted - cur.on_hand, inTransitDelta: 0, reason: input.reason, kind: 'count' }, actor);
}

/** Units from one bin to another; only free units move (reserved ones belong to orders picking there). */
export function moveStock(ctx: CoreContext, input: { sku: string; from: string; to: string; qty: number; reason: string }, actor: Actor): { from: StockRow; to: StockRow } {
  if (input.from === input.to) fail('validation', said('sameBins'), [issue('to', said('sameAsFrom'))]);
  const { skuId } = skuOfCode(ctx, input.sku, 'sku');
  const fromId = ensureLocation(ctx, input.from);
  const cur = ensureStockCounts(ctx.db, skuId, fromId);
  const free = cur.on_hand - cur.reserved;
  if (input.qty > free) fail('insufficient_stock', said('freeToMove', { free: Math.max(0, free), from: input.from, onHand: cur.on_hand, reserved: cur.reserved }), [issue('qty', said('atMost', { n: Math.max(0, free) }))]);
  const toId = ensureLocation(ctx, input.to);
  const from = adjustStock(ctx, { skuId, locationId: fromId, onHandDelta: -input.qty, inTransitDelta: 0, reason: input.reason, kind: 'move_out', reference: input.to }, actor);
  const to = adjustStock(ctx, { skuId, locationId: toId, onHandDelta: input.qty, inTransitDelta: 0, reason: input.reason, kind: 'move_in', reference: input.from }, actor);
  return { from, to };
}
