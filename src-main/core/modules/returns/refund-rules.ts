// What a graded unit adds to the refund (ShipHero: only a "complete" return refunds by itself;
// damaged or missing ones wait for a person). Pure, so every rule is tested on its own.
import { SHOP_FAULT_REASONS, type Grade, type ReturnReason } from '../../../contract/returns';

/**
 * Sellable and repairable (defective) units are refunded. A damaged or scrapped unit is refunded
 * only when the damage is the shop's (defective, not as described, wrong item, damaged in transit);
 * otherwise the customer sent it back damaged. Missing units and items that are not ours add nothing.
 */
export function unitRefund(grade: Grade, reason: ReturnReason, unitValue: number, expected: boolean): number {
  if (!expected) return 0;
  switch (grade) {
    case 'sellable':
    case 'repair':
      return unitValue;
    case 'damaged':
    case 'scrap':
      return SHOP_FAULT_REASONS.includes(reason) ? unitValue : 0;
    case 'missing':
    case 'not_ours':
      return 0;
  }
}

/**
 * The order total shared over its lines by list price x quantity (by quantity when a price is
 * missing), in whole minor units: each line gets its exact share rounded down, and the minor units
 * left over go one each to the lines with the largest remainders (the earlier line on a tie), so the
 * shares add up to the total exactly. Exact for any amounts (BigInt: total x price x qty can pass 2^53).
 */
export function lineShares(total: number, lines: readonly { qty: number; price: number | null }[]): number[] {
  const priced = lines.every((l) => l.price !== null && l.price > 0);
  const weight = lines.map((l) => BigInt(priced ? l.price! : 1) * BigInt(l.qty));
  const sum = weight.reduce((a, b) => a + b, 0n);
  if (sum <= 0n || total <= 0) return lines.map(() => 0);
  const exact = weight.map((w) => BigInt(total) * w);
  const shares = exact.map((x) => Number(x / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, rem: x % sum })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    shares[i]!++;
  }
  return shares;
}

/**
 * What units [from, from + qty) of an order line are worth together, the line's share spread over
 * its units: each unit is worth the share / the line's quantity rounded down, and the first
 * (share mod quantity) units one minor unit more. Returns that take the units in turn (each from the
 * count the earlier returns of the order already asked back) add up to the line's share.
 */
export function unitsValue(share: number, lineQty: number, from: number, qty: number): number {
  if (lineQty <= 0 || qty <= 0) return 0;
  const base = Math.floor(share / lineQty);
  const extra = share - base * lineQty;
  const plusOne = Math.max(0, Math.min(from + qty, extra) - from);
  return base * qty + plusOne;
}

/**
 * A return line's value spread over its units in the same way: unit `n` (0-based, in the order the
 * bench grades them) is worth value / qty rounded down, one minor unit more for the first (value mod qty).
 */
export function nthUnitValue(value: number, qty: number, n: number): number {
  if (qty <= 0) return 0;
  const base = Math.floor(value / qty);
  return base + (n < value - base * qty ? 1 : 0);
}
