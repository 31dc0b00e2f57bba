// Any other statement (CSV or Excel) through a column mapping finance saved once per format.
import { createHash } from 'node:crypto';
import type { RowKind, StatementMapping } from '../../../../contract/payouts';
import { orNull, toDay, toFen, toIso } from './cells';
import type { TableFormat } from './table';

export function mappedFormat(m: StatementMapping): TableFormat {
  const c = m.columns;
  const required = [c.merchantOrderNo!, ...(c.gross ? [c.gross] : []), ...(c.net ? [c.net] : [])];
  const refund = new Set(m.refundWords.map((w) => w.toLowerCase()));
  return {
    name: `statement of the mapping "${m.name}"`,
    isHeader: (cells) => required.every((r) => cells.includes(r)),
    required,
    read(row, cols, cell, line, raw) {
      const get = (col: string | undefined) => (col ? cols.get(row, col, cell) : '');
      const fen = (col: string | undefined) => (col ? toFen(get(col), col, m.amountsIn) : 0);
      const kindText = get(c.kind).toLowerCase();
      const kind: RowKind = kindText && refund.has(kindText) ? 'refund' : 'charge';
      const gross = fen(c.gross);
      const fee = Math.abs(fen(c.fee));
      const merchantCoupon = Math.abs(fen(c.merchantCoupon));
      const refundFen = kind === 'refund' ? Math.abs(fen(c.refund) || gross || fen(c.net)) : 0;
      const net = c.net ? fen(c.net) : kind === 'refund' ? -refundFen + fee : gross - merchantCoupon - fee;
      const txn = orNull(get(c.platformTxnId));
      return {
        line, raw, key: `mapped:${m.id}:${txn ? `${txn}:${kind}:${get(c.refundNo)}` : createHash('sha1').update(raw).digest('hex')}`, kind,
        merchantOrderNo: orNull(get(c.merchantOrderNo)), platformTxnId: txn, refundNo: orNull(get(c.refundNo)),
        occurredAt: toIso(get(c.occurredAt), c.occurredAt ?? 'occurredAt'), settledOn: toDay(get(c.settledOn), c.settledOn ?? 'settledOn'), payoutRef: orNull(get(c.payoutRef)),
        currency: (get(c.currency) || m.currency).toUpperCase(), grossFen: kind === 'charge' ? Math.abs(gross) : 0, feeFen: kind === 'refund' ? -fee : fee,
        merchantCouponFen: merchantCoupon, platformCouponFen: Math.abs(fen(c.platformCoupon)), refundFen, netFen: net,
      };
    },
  };
}
