// A statement file -> its rows: the format by the source finance picked, the bytes read only
// through lib/spreadsheet.ts (CSV in UTF-8/UTF-16/GBK, or .xlsx); Alipay's zip opened first.
import type { StatementMapping, StatementSource } from '../../../../contract/payouts';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { readSheetLines } from '../../../../lib/spreadsheet';
import { alipayDetailCsv, openZip } from './alipay-zip';
import { ALIPAY_DETAIL } from './alipay';
import { mappedFormat } from './mapped';
import { SHOPIFY_PAYOUTS } from './shopify';
import { openTable, readRows, type OpenTable, type StatementTable } from './table';
import { WECHAT_ALL } from './wechat';

export type { ParsedRow } from './cells';
export type { OpenTable, StatementTable } from './table';
export { readRows } from './table';

export interface StatementSpec { source: StatementSource; mapping?: StatementMapping }

/** A statement file opened: its lines, its format's header found and checked; its rows are read from it (readRows). */
export async function openStatement(bytes: Buffer, spec: StatementSpec): Promise<OpenTable & { encoding: string | null }> {
  const zip = await openZip(bytes);
  if (zip && spec.source !== 'alipay') fail('validation', said('zipIsAlipay'));
  const file = zip ? (await alipayDetailCsv(zip)).bytes : bytes;
  const sheet = await readSheetLines(file);
  const format = spec.source === 'wechat' ? WECHAT_ALL : spec.source === 'alipay' ? ALIPAY_DETAIL : spec.source === 'shopify' ? SHOPIFY_PAYOUTS
    : mappedFormat(spec.mapping ?? fail('validation', said('mappedNeedsMapping'), [issue('mapping', said('required'))]));
  return { ...openTable(format, sheet), encoding: sheet.encoding ?? sheet.format };
}

export async function parseStatement(bytes: Buffer, spec: StatementSpec): Promise<StatementTable & { encoding: string | null }> {
  const t = await openStatement(bytes, spec);
  const out: StatementTable = { rows: [], errors: [], read: 0 };
  readRows(t, Infinity, out);
  return { ...out, encoding: t.encoding };
}
