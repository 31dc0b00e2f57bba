// The packing bench's rules as pure functions: what a scanned code means for the parcel on the
// bench, what the parcel should weigh, and when it is complete. No IO, so every rule is unit-tested.
import { weightBand } from '../../contract/weight-band';

export interface TicketLine {
  lineId: string;
  skuId: string;
  sku: string;
  name: string;
  qty: number;
  /** already in earlier parcels of this order */
  packedBefore: number;
  unitWeightG: number | null;
  location: string | null;
  barcodes: { code: string; units: number }[];
  /** the product has a picture at GET /api/skus/:id/image */
  hasImage: boolean;
  /** a merged parcel: the order the line belongs to */
  orderNumber?: string;
}

export interface TicketBox {
  id: string;
  code: string;
  name: string;
  tareG: number;
}

/** What the bench needs to know about the order it packs (from the core's pack/start). */
export interface Ticket {
  orderId: string;
  number: string;
  channel: string;
  externalId: string | null;
  state: string;
  version: number;
  carrier: string | null;
  recipient: string;
  /** ISO country of the recipient: picks the label template */
  country: string;
  slot: string | null;
  lines: TicketLine[];
  boxTypes: TicketBox[];
  suggestedBoxId: string | null;
  toleranceG: number;
  tolerancePct: number;
  /** labelled parcels before this one */
  parcelsBefore: number;
  /** a merged parcel: the other orders (same buyer, same address) whose lines are in it */
  merged?: { id: string; number: string }[];
  /** the note for the packer a rule set */
  packerNote?: string | null;
}

/** Scanned units per line id, for the parcel on the bench. */
export type Scanned = Record<string, number>;

export type ItemMatch =
  | { kind: 'item'; line: TicketLine; units: number }
  /** the code belongs to this order but the line is already complete */
  | { kind: 'extra'; line: TicketLine; units: number }
  | { kind: 'box'; box: TicketBox }
  | { kind: 'none' };

const norm = (s: string) => s.trim().toUpperCase();

/** What a code means inside this order: an item (with its units), an extra one, a box, or nothing. */
export function matchInOrder(t: Ticket, scanned: Scanned, code: string, times = 1): ItemMatch {
  const c = norm(code);
  const box = t.boxTypes.find((b) => norm(b.code) === c);
  if (box) return { kind: 'box', box };
  let extra: ItemMatch | null = null;
  for (const line of t.lines) {
    const hit = line.barcodes.find((b) => norm(b.code) === c) ?? (norm(line.sku) === c ? { code: line.sku, units: 1 } : undefined);
    if (!hit) continue;
    const units = hit.units * times;
    // the same SKU on two lines (two orders in a merged parcel): the first line that still takes it
    if (units <= remaining(line, scanned)) return { kind: 'item', line, units };
    extra ??= { kind: 'extra', line, units };
  }
  return extra ?? { kind: 'none' };
}

/** Units of a line still to go into a parcel. */
export const remaining = (line: TicketLine, scanned: Scanned) => line.qty - line.packedBefore - (scanned[line.lineId] ?? 0);

/** Every unit of the order is in this parcel or an earlier one. */
export const orderComplete = (t: Ticket, scanned: Scanned) => t.lines.every((l) => remaining(l, scanned) === 0);

export const unitsIn = (scanned: Scanned) => Object.values(scanned).reduce((a, b) => a + b, 0);

export interface WeightWindow {
  expectedG: number | null;
  minG: number | null;
  maxG: number | null;
}

/**
 * Expected weight = items + box tare. The allowed band is the larger of the gram and the percent
 * tolerance (a 100 g parcel would be unpackable with 5 % alone). Null while a unit weight is
 * unknown: then any stable weight passes and teaches the core a weight to propose.
 */
export function weightWindow(t: Ticket, scanned: Scanned, box: TicketBox | null): WeightWindow {
  let items = 0;
  for (const l of t.lines) {
    const n = scanned[l.lineId] ?? 0;
    if (n === 0) continue;
    if (l.unitWeightG === null) return { expectedG: null, minG: null, maxG: null };
    items += n * l.unitWeightG;
  }
  return weightBand(items + (box?.tareG ?? 0), t);
}

export type WeightVerdict = 'pass' | 'over' | 'under';
export function judgeWeight(w: WeightWindow, grams: number): WeightVerdict {
  if (w.minG === null || w.maxG === null) return grams > 0 ? 'pass' : 'under';
  if (grams > w.maxG) return 'over';
  if (grams < w.minG) return 'under';
  return 'pass';
}

/** Items of the parcel on the bench, as the core's parcel body wants them. */
export function parcelItems(t: Ticket, scanned: Scanned): { skuId: string; qty: number }[] {
  const bySku = new Map<string, number>();
  for (const l of t.lines) {
    const n = scanned[l.lineId] ?? 0;
    if (n > 0) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + n);
  }
  return [...bySku].map(([skuId, qty]) => ({ skuId, qty }));
}
