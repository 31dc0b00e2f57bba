// Reading one statement cell: amounts to integer fen without ever going through a float, times to
// UTC ISO. A cell that does not read is reported by the caller with its row and column.
import type { RowKind } from '../../../../contract/payouts';
import { said, type Said } from '../../../../contract/field-messages';

/** A statement row as every format reads it: integer fen, UTC times, the row's raw text. */
export interface ParsedRow {
  line: number;
  key: string;
  kind: RowKind;
  merchantOrderNo: string | null;
  platformTxnId: string | null;
  refundNo: string | null;
  occurredAt: string | null;
  settledOn: string | null;
  payoutRef: string | null;
  currency: string;
  grossFen: number;
  feeFen: number;
  merchantCouponFen: number;
  platformCouponFen: number;
  refundFen: number;
  netFen: number;
  raw: string;
}

/** A row as the store takes it: its values in this order, rows one after another (store.ts insertRows binds them by position). */
export const ROW_FIELDS = ['line', 'key', 'kind', 'merchantOrderNo', 'platformTxnId', 'refundNo', 'occurredAt', 'settledOn', 'payoutRef', 'currency',
  'grossFen', 'feeFen', 'merchantCouponFen', 'platformCouponFen', 'refundFen', 'netFen', 'raw'] as const satisfies readonly (keyof ParsedRow)[];
/** A cell that does not read: the caller names its row and column. */
export class CellError extends Error {
  constructor(readonly column: string, readonly words: Said) {
    super(words.message);
  }
}

const AMOUNT = /^([+-])?[¥￥$€£]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "19.90", "-0.12", "1,234.5", "¥19.90" -> fen; '' -> 0. `scale` 'fen' reads whole fen ("1990"). */
export function toFen(text: string, column: string, scale: 'yuan' | 'fen' = 'yuan'): number {
  const t = text.trim();
  if (t === '' || t === '-') return 0;
  const m = AMOUNT.exec(t);
  if (!m || (scale === 'fen' && m[3] !== undefined)) throw new CellError(column, said(scale === 'fen' ? 'notAmountInFen' : 'notAmount', { value: t }));
  const whole = Number(m[2]!.replace(/,/g, ''));
  const fen = scale === 'fen' ? whole : whole * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new CellError(column, said('amountTooLarge', { value: t }));
  return m[1] === '-' ? -fen : fen;
}

const LOCAL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * "2026-11-30 10:12:01" (Beijing time unless the cell says otherwise), "2026/11/30 10:12",
 * "2026-11-30 10:12:01 -0500", ISO -> UTC ISO. '' -> null.
 */
export function toIso(text: string, column: string, defaultOffset = '+08:00'): string | null {
  const t = text.trim();
  if (!t) return null;
  const m = LOCAL_TIME.exec(t);
  if (!m) {
    const ms = Date.parse(t);
    if (Number.isNaN(ms)) throw new CellError(column, said('notATime', { value: t }));
    return new Date(ms).toISOString();
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  const off = zone === undefined ? defaultOffset : zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h.padStart(2, '0')}:${mi}:${s.padStart(2, '0')}${off}`);
  if (Number.isNaN(ms)) throw new CellError(column, said('notATime', { value: t }));
  return new Date(ms).toISOString();
}

/** A date cell as YYYY-MM-DD (the statement's own calendar day); '' -> null. */
export function toDay(text: string, column: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/.exec(t);
  if (!m) throw new CellError(column, said('notADate', { value: t }));
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** A header row's columns by name: `get(row, name)` reads a cell, '' when the row is short. */
export function columnsOf(header: string[], clean: (h: string) => string = (h) => h.trim()) {
  const index = new Map(header.map((h, i) => [clean(h), i] as const));
  return {
    has: (name: string) => index.has(name),
    missing: (names: readonly string[]) => names.filter((n) => !index.has(n)),
    get: (row: string[], name: string, cell: (v: string) => string = (v) => v.trim()): string => {
      const i = index.get(name);
      return i === undefined ? '' : cell(row[i] ?? '');
    },
  };
}

/** The row as it stood in the file, as CSV text (cells with a comma or quote quoted). */
export function rawText(row: string[]): string {
  // Most rows need no quoting (no cell holds a comma, quote or line end): joined as they are, checked once.
  const joined = row.join(',');
  if (!/["\r\n]/.test(joined) && commas(joined) === row.length - 1) return joined;
  return row.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}
const commas = (s: string) => {
  let n = 0;
  for (let i = s.indexOf(','); i >= 0; i = s.indexOf(',', i + 1)) n++;
  return n;
};

/** Text or null. */
export const orNull = (s: string): string | null => (s === '' ? null : s);
