// The export for accounting: every matched statement row with its order number, amounts and fee,
// in 元 with two decimals, as a CSV (UTF-8 with BOM) or .xlsx that 金蝶 and 用友 users map into a
// voucher import. Nothing personal: no buyer, address or phone. Columns (README "Money"):
// 日期 date of the money (payout date, else the transaction's), 渠道 channel, 结算批次 payout,
// 对账单 statement, 平台交易号, 商户订单号, 订单号 (Packline), 类型 charge/refund/..., 币种,
// 交易金额 gross, 手续费 fee, 商家优惠 merchant coupon, 平台优惠 platform coupon, 退款 refund, 实收 net,
// 状态 matched / partly_matched.
import type { CoreContext } from '../../context';
import type { BinaryFile } from '../../../contract/routing';
import { SHEET_TYPES, writeSheet, type SheetFormat } from '../../../lib/spreadsheet';
import { selectExportRows } from './store';

export const EXPORT_COLUMNS = ['日期', '渠道', '结算批次', '对账单', '平台交易号', '商户订单号', '订单号', '类型', '币种', '交易金额', '手续费', '商家优惠', '平台优惠', '退款', '实收', '状态'];

/** Integer fen as 元 text with two decimals, without a float in between. */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export async function exportPayouts(ctx: CoreContext, q: { format: SheetFormat; from?: string; to?: string }): Promise<BinaryFile> {
  const money = (fen: number) => (q.format === 'xlsx' ? Number(yuan(fen)) : yuan(fen));
  const rows = selectExportRows(ctx.db, q.from ?? null, q.to ?? null).map((r) => [
    (r.settled_on ?? r.occurred_at ?? '').slice(0, 10), r.channel, r.payout_ref ?? '', r.statement_id, r.platform_txn_id ?? '', r.merchant_order_no ?? '', r.order_number, r.kind, r.currency,
    money(r.gross_fen), money(r.fee_fen), money(r.merchant_coupon_fen), money(r.platform_coupon_fen), money(r.refund_fen), money(r.net_fen), r.state,
  ]);
  const bytes = await writeSheet(q.format, EXPORT_COLUMNS, rows, 'payouts');
  const span = [q.from, q.to].filter(Boolean).join('_to_') || ctx.clock.iso().slice(0, 10);
  return { bytes, mime: SHEET_TYPES[q.format].contentType, filename: `payouts-${span}.${SHEET_TYPES[q.format].ext}` };
}
