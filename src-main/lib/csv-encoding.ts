// Which encoding a shop's CSV export is in: UTF-8 (with or without BOM), UTF-16 (with or without
// BOM: Excel's "Unicode text"), else GB18030 (a superset of GBK: Chinese marketplaces export GBK).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { fail } from './errors';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

/** Bytes looked at to tell UTF-16 without a BOM by its NULs. */
const SNIFF_BYTES = 64 * 1024;

/**
 * UTF-16 text of a CSV (digits, commas, line ends, Latin letters) has a NUL in the high byte of
 * most of them: NULs at odd offsets for little-endian, even for big-endian, and almost none on
 * the other side. UTF-8 and GBK text has no NULs at all.
 */
function utf16ByNuls(bytes: Buffer): CsvEncoding | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n === 0) return null; // no pair to look at (an empty or one-byte file): nothing says UTF-16
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs / 10 && even <= odd / 20) return 'utf-16le';
  if (even >= pairs / 10 && odd <= even / 20) return 'utf-16be';
  return null;
}

/** The encoding of `bytes` and how many bytes of BOM it starts with. */
export function detectEncoding(bytes: Buffer): { encoding: CsvEncoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const utf16 = utf16ByNuls(bytes);
  if (utf16) return { encoding: utf16, bom: 0 };
  // Checked in place (node:buffer): decoding a 20 MB bill to a string only to check it took ~0.4 s.
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gbk', bom: 0 };
}

export function decodeAs(bytes: Buffer, encoding: CsvEncoding): string {
  if (encoding === 'utf-8') return bytes.toString('utf8');
  if (encoding === 'utf-16le') return bytes.toString('utf16le');
  return iconv.decode(bytes, encoding === 'utf-16be' ? 'utf-16be' : 'gb18030');
}

/**
 * A whole file's text. Empty (or a byte-order mark alone) is empty text: the importer says the file
 * is empty. UTF-16 of an odd number of bytes is refused: decoding would drop its last byte unsaid.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  const { encoding, bom } = detectEncoding(bytes);
  const body = bytes.subarray(bom);
  if ((encoding === 'utf-16le' || encoding === 'utf-16be') && body.length % 2 === 1) {
    fail('validation', `the file reads as ${encoding.toUpperCase()} but has an odd number of bytes (${bytes.length}): it is cut off, or not UTF-16; save it again as UTF-8 CSV`, [{ path: 'file', message: 'odd number of bytes for UTF-16' }]);
  }
  return { text: decodeAs(body, encoding), encoding };
}

/** The start of a file cut off mid-way, ended at its last whole line (no half character decoded). */
export function wholeLines(bytes: Buffer, encoding: CsvEncoding): Buffer {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const nl = encoding === 'utf-16le' ? Buffer.from([0x0a, 0x00]) : Buffer.from([0x00, 0x0a]);
    for (let i = bytes.lastIndexOf(nl); i >= 0; i = bytes.lastIndexOf(nl, i - 1)) if (i % 2 === 0) return bytes.subarray(0, i + 2);
    return bytes.subarray(0, bytes.length & ~1);
  }
  const i = bytes.lastIndexOf(0x0a);
  return i >= 0 ? bytes.subarray(0, i + 1) : bytes;
}
