// Which box the bench suggests for what is left to pack (pure: no database).
import type { BoxType } from '../../../contract/catalog';
import type { PackTicket } from '../../../contract/packing';

/**
 * The smallest box the remaining items fit in: by volume (and each item's sides) when every item
 * and box has dimensions, else the lightest-rated box whose weight limit holds the items.
 */
export function suggestBox(
  boxes: BoxType[], items: { qty: number; unitWeightG: number | null; dimensionsMm: { length: number; width: number; height: number } | null }[],
): PackTicket['suggestedBox'] {
  if (items.length === 0) return null;
  const sides = (a: number, b: number, c: number) => [a, b, c].sort((x, y) => y - x);
  const sized = boxes.filter((b) => b.lengthMm && b.widthMm && b.heightMm).map((b) => ({ b, s: sides(b.lengthMm!, b.widthMm!, b.heightMm!), v: b.lengthMm! * b.widthMm! * b.heightMm! }));
  if (items.every((i) => i.dimensionsMm) && sized.length) {
    const volume = items.reduce((n, i) => n + i.dimensionsMm!.length * i.dimensionsMm!.width * i.dimensionsMm!.height * i.qty, 0);
    const fit = sized
      .filter(({ s, v }) => v >= volume && items.every((i) => sides(i.dimensionsMm!.length, i.dimensionsMm!.width, i.dimensionsMm!.height).every((d, k) => d <= s[k]!)))
      .sort((a, b) => a.v - b.v)[0];
    if (fit) return { id: fit.b.id, code: fit.b.code, name: fit.b.name, by: 'volume' };
  }
  if (items.every((i) => i.unitWeightG !== null)) {
    const grams = items.reduce((n, i) => n + i.unitWeightG! * i.qty, 0);
    const fit = boxes.filter((b) => b.maxWeightG && b.maxWeightG >= grams + b.tareG).sort((a, b) => a.maxWeightG! - b.maxWeightG! || a.tareG - b.tareG)[0];
    if (fit) return { id: fit.id, code: fit.code, name: fit.name, by: 'weight' };
  }
  return null;
}
