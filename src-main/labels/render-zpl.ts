// Display list -> ZPL II. Rules, boxes and bars are ^GB fields (exact dots, any printer); QR codes
// and text are host-rendered ^GFA bitmaps by default, so a printer without Chinese fonts still
// prints Chinese. textMode 'resident' sends text as ^A@ fields in UTF-8 for printers with a CJK font.
import type { DisplayList, Op } from './layout';
import { opGraphic } from './op-bitmap';

export interface ZplOptions {
  /** 'bitmap' (default): text as ^GFA. 'resident': text as fields using `residentFont`. */
  textMode?: 'bitmap' | 'resident';
  /** Printer font for resident mode, e.g. "E:SIMSUN.TTF" (downloaded with ~DU or built in). */
  residentFont?: string;
  copies?: number;
}

/** One label as a ^XA...^XZ block. */
export function renderZpl(list: DisplayList, opts: ZplOptions = {}): string {
  const d = list.dpmm;
  const W = Math.round(list.widthMm * d), H = Math.round(list.heightMm * d);
  const out: string[] = ['^XA', '^CI28', `^PW${W}`, `^LL${H}`, '^LH0,0'];
  const dots = (mm: number) => Math.round(mm * d);
  for (const op of list.ops) {
    switch (op.op) {
      case 'rect': {
        const w = Math.max(1, dots(op.x + op.w) - dots(op.x)), h = Math.max(1, dots(op.y + op.h) - dots(op.y));
        out.push(`^FO${dots(op.x)},${dots(op.y)}${op.white ? '^FR' : ''}^GB${w},${h},${Math.min(w, h)}^FS`);
        break;
      }
      case 'barcode':
        if (op.code.rows === 1) {
          const m = Math.round(op.moduleMm * d), x0 = dots(op.x), y0 = dots(op.y), h = dots(op.heightMm);
          for (const r of op.code.rects) out.push(`^FO${x0 + r.x * m},${y0}^GB${r.w * m},${h},${r.w * m}^FS`);
        } else {
          // QR: the printer encodes it (^BQN, error level M like our preview, automatic mode), which
          // keeps the job small and skips host rasterising. ^BQ draws its symbol 10 dots below ^FO.
          const m = Math.max(1, Math.min(10, Math.round(op.moduleMm * d)));
          out.push(`^FO${dots(op.x)},${Math.max(0, dots(op.y) - 10)}^BQN,2,${m}^FDMA,${op.code.data.replace(/[\^~]/g, '')}^FS`);
        }
        break;
      case 'text':
        if (opts.textMode === 'resident') out.push(residentText(op, d, opts.residentFont ?? 'E:SIMSUN.TTF'));
        else out.push(graphicField(op, d, op.white));
        break;
      case 'image':
        out.push(graphicField(op, d));
        break;
    }
  }
  out.push(`^PQ${opts.copies ?? 1}`, '^XZ');
  return out.join('\n') + '\n';
}

/** Field data with ^ ~ and _ escaped through ^FH (hex escapes), so any text is safe. */
export function zplFieldData(text: string): string {
  return `^FH_^FD${text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}^FS`;
}

function residentText(op: Extract<Op, { op: 'text' }>, d: number, font: string): string {
  const h = Math.max(10, Math.round(op.sizeMm * d));
  const top = Math.round((op.baseline - op.sizeMm * 0.88) * d);
  return `^FO${Math.round(op.x * d)},${top}${op.white ? '^FR' : ''}^A@N,${h},${h},${font}${zplFieldData(op.text)}`;
}

const compressedCache = new Map<string, string>();

function graphicField(op: Op, d: number, reverse = false): string {
  const g = opGraphic(op, d);
  if (!g) return '';
  const total = g.data.length;
  let body = g.key ? compressedCache.get(g.key) : undefined;
  if (body === undefined) {
    body = compressGraphic(g.data, g.bytesPerRow);
    if (g.key) {
      if (compressedCache.size >= 5000) compressedCache.delete(compressedCache.keys().next().value!);
      compressedCache.set(g.key, body);
    }
  }
  return `^FO${g.x},${g.y}${reverse ? '^FR' : ''}^GFA,${total},${total},${g.bytesPerRow},${body}^FS`;
}

/**
 * ZPL ASCII compression of hex graphic data: runs as count letters (G..Y = 1..19, g..z = 20..400),
 * ',' for a row that ends in zeros, ':' for a row equal to the previous one.
 */
export function compressGraphic(data: Uint8Array, bytesPerRow: number): string {
  const out: string[] = [];
  const rows = data.length / bytesPerRow;
  for (let r = 0; r < rows; r++) {
    const start = r * bytesPerRow;
    if (r > 0 && equalRows(data, start - bytesPerRow, start, bytesPerRow)) { out.push(':'); continue; }
    // Last non-zero nibble; the rest of the row is written as ','.
    let end = bytesPerRow * 2;
    while (end > 0 && nibble(data, start, end - 1) === 0) end--;
    let enc = '';
    for (let i = 0; i < end;) {
      const v = nibble(data, start, i);
      let j = i + 1;
      while (j < end && nibble(data, start, j) === v) j++;
      enc += repeatCount(j - i) + HEX_DIGIT[v];
      i = j;
    }
    out.push(end < bytesPerRow * 2 ? enc + ',' : enc);
  }
  return out.join('');
}

const nibble = (data: Uint8Array, start: number, i: number) => (i & 1 ? data[start + (i >> 1)]! & 15 : data[start + (i >> 1)]! >> 4);
const HEX_DIGIT = '0123456789ABCDEF';

function equalRows(data: Uint8Array, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (data[a + i] !== data[b + i]) return false;
  return true;
}

function repeatCount(n: number): string {
  if (n === 1) return '';
  let s = '';
  while (n >= 20) {
    const tens = Math.min(400, Math.floor(n / 20) * 20);
    s += String.fromCharCode('g'.charCodeAt(0) + tens / 20 - 1);
    n -= tens;
  }
  if (n > 0) s += String.fromCharCode('G'.charCodeAt(0) + n - 1);
  return s;
}
