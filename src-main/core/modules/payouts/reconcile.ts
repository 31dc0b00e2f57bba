// One order's money, worked out from its statement rows (pure): what arrived, and the difference
// from what the order brings split into its causes. expected = the order's total (what the buyer
// paid); received = the net of every row (charges less fees, refunds, disputes); the gap
// expected - received is taken apart cause by cause, and what no cause explains is "unexplained".
import type { Cause, PayStatus } from '../../../contract/payouts';
import type { RuleRec } from './store';

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

/**
 * What an order's rows add up to, by kind (store.ts selectRowTotalsOf adds them up in SQL for a
 * batch of orders at once): what reckonTotals works the order's money out from.
 */
export interface RowTotals {
  rows: number;
  /** the currency reckoned in: the order's, else its first row's */
  currency: string;
  /** a row in another currency than `currency` */
  mixedCurrency: boolean;
  net: number; fee: number; gross: number; merchantCoupon: number; platformCoupon: number; refund: number; dispute: number; reserve: number;
  /** the net of charges that arrived (payout date, else their own day) after the order's due day */
  late: number;
}

export function reckonTotals(totalMinor: number | null, t: RowTotals, toleranceFen: number): Reckoning {
  const expected = totalMinor ?? 0;
  const received = t.net;
  const gap = expected - received;
  const causes: { cause: Cause; amountFen: number }[] = [];
  let unexplained: number;
  if (t.mixedCurrency) {
    // Amounts in two currencies cannot be set against each other: the whole gap is the currency's.
    causes.push({ cause: 'currency', amountFen: gap });
    unexplained = gap;
  } else {
    // The platform paid part of the price (its coupon or subsidy): more arrives than the buyer paid.
    const subsidy = Math.min(t.platformCoupon, Math.max(0, t.gross - expected));
    const known: [Cause, number][] = [['fee', t.fee], ['merchant_coupon', t.merchantCoupon], ['platform_subsidy', -subsidy], ['refund', t.refund], ['dispute', t.dispute], ['reserve', t.reserve]];
    for (const [cause, amountFen] of known) if (amountFen !== 0) causes.push({ cause, amountFen });
    unexplained = gap - known.reduce((s, [, a]) => s + a, 0);
    if (Math.abs(unexplained) > toleranceFen) causes.push({ cause: 'unexplained', amountFen: unexplained });
    else unexplained = 0;
  }
  if (t.late !== 0) causes.push({ cause: 'timing', amountFen: t.late });
  const status: PayStatus = t.rows === 0 ? 'unpaid' : Math.abs(unexplained) <= toleranceFen ? 'paid' : unexplained > 0 ? 'partly_paid' : 'over_paid';
  return { currency: t.currency, expectedFen: expected, receivedFen: received, feeFen: t.fee, gapFen: gap, unexplainedFen: unexplained, status, causes };
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
