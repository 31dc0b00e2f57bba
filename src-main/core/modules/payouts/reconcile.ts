// One order's money, worked out from its statement rows (pure): what arrived, and the difference
// from what the order brings split into its causes. expected = the order's total (what the buyer
// paid); received = the net of every row (charges less fees, refunds, disputes); the gap
// expected - received is taken apart cause by cause, and what no cause explains is "unexplained".
import type { Cause, PayStatus } from '../../../contract/payouts';
import type { OrderFacts, RowMoneyRec, RuleRec } from './store';

export interface Reckoning {
  currency: string;
  expectedFen: number;
  receivedFen: number;
  feeFen: number;
  gapFen: number;
  unexplainedFen: number;
  status: PayStatus;
  causes: { cause: Cause; amountFen: number }[];
}

const DAY_MS = 86_400_000;

/** When the money of an order is due: created + the channel's cycle; null without a cycle. */
export const dueAt = (createdAt: string, cycleDays: number | null): string | null =>
  cycleDays === null ? null : new Date(Date.parse(createdAt) + cycleDays * DAY_MS).toISOString();

/** The day the money of a row arrived: its payout date, else its own time. */
const arrivedOn = (r: RowMoneyRec) => r.settled_on ?? r.occurred_at?.slice(0, 10) ?? null;

export function reckon(order: OrderFacts, rows: readonly RowMoneyRec[], cycleDays: number | null, toleranceFen: number): Reckoning {
  const currency = order.currency ?? rows[0]?.currency ?? 'CNY';
  const expected = order.total_minor ?? 0;
  let received = 0, fee = 0, merchantCoupon = 0, platformCoupon = 0, gross = 0, refund = 0, dispute = 0, reserve = 0, late = 0;
  const due = dueAt(order.created_at, cycleDays)?.slice(0, 10) ?? null;
  for (const r of rows) {
    received += r.net_fen;
    fee += r.fee_fen;
    if (r.kind === 'charge') {
      gross += r.gross_fen;
      merchantCoupon += r.merchant_coupon_fen;
      platformCoupon += r.platform_coupon_fen;
      const on = arrivedOn(r);
      if (due && on && on > due) late += r.net_fen;
    } else if (r.kind === 'refund') refund += r.refund_fen;
    // What a dispute or a reserve took, apart from its fee (which counts as a fee).
    else if (r.kind === 'dispute') dispute -= r.net_fen + r.fee_fen;
    else if (r.kind === 'reserve') reserve -= r.net_fen + r.fee_fen;
  }
  const gap = expected - received;
  const causes: { cause: Cause; amountFen: number }[] = [];
  let unexplained: number;
  if (rows.some((r) => r.currency !== currency)) {
    // Amounts in two currencies cannot be set against each other: the whole gap is the currency's.
    causes.push({ cause: 'currency', amountFen: gap });
    unexplained = gap;
  } else {
    // The platform paid part of the price (its coupon or subsidy): more arrives than the buyer paid.
    const subsidy = Math.min(platformCoupon, Math.max(0, gross - expected));
    const known: [Cause, number][] = [['fee', fee], ['merchant_coupon', merchantCoupon], ['platform_subsidy', -subsidy], ['refund', refund], ['dispute', dispute], ['reserve', reserve]];
    for (const [cause, amountFen] of known) if (amountFen !== 0) causes.push({ cause, amountFen });
    unexplained = gap - known.reduce((s, [, a]) => s + a, 0);
    if (Math.abs(unexplained) > toleranceFen) causes.push({ cause: 'unexplained', amountFen: unexplained });
    else unexplained = 0;
  }
  if (late !== 0) causes.push({ cause: 'timing', amountFen: late });
  const status: PayStatus = rows.length === 0 ? 'unpaid' : Math.abs(unexplained) <= toleranceFen ? 'paid' : unexplained > 0 ? 'partly_paid' : 'over_paid';
  return { currency, expectedFen: expected, receivedFen: received, feeFen: fee, gapFen: gap, unexplainedFen: unexplained, status, causes };
}

/**
 * The rule that makes a difference routine, if any: same cause, its channel or every channel, within
 * its limits. A percentage is rounded to the fen as the platforms round their fee (0.6% of 88.00 is 0.53).
 */
export function routineRule(rules: readonly RuleRec[], channel: string, cause: Cause, amountFen: number, expectedFen: number): RuleRec | undefined {
  return rules.find((r) => r.cause === cause && (r.channel === null || r.channel === channel) && amountFen >= 0
    && (r.max_fen === null || amountFen <= r.max_fen)
    && (r.max_percent === null || amountFen <= Math.round((expectedFen * Math.round(r.max_percent * 100)) / 10_000)));
}
