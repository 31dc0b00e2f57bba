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
 * Each line's unit value: the order total shared over its lines by list price x quantity (by
 * quantity when a price is missing), so the refund of every unit adds up to at most the total.
 */
export function unitValues(total: number, lines: readonly { qty: number; price: number | null }[]): number[] {
  const priced = lines.every((l) => l.price !== null && l.price > 0);
  const weight = lines.map((l) => (priced ? l.price! : 1) * l.qty);
  const sum = weight.reduce((a, b) => a + b, 0);
  return lines.map((l, i) => (sum > 0 ? Math.floor((total * weight[i]!) / sum / l.qty) : 0));
}
