// Display list -> TSPL (TSC, Xprinter, Gprinter). Rules and bars are BAR commands; text, QR codes
// and images are BITMAPs by default, or TEXT in a printer-resident font (GBK) in 'resident' mode.
import iconv from 'iconv-lite';
import type { DisplayList, Op } from './layout';
import { opGraphic } from './op-bitmap';

export interface TsplOptions {
  /** 'bitmap' (default): host-rendered text. 'resident': TEXT with `residentFont` (GBK-encoded). */
  textMode?: 'bitmap' | 'resident';
  residentFont?: string; // default TSS24.BF2 (24 x 24 dots, simplified Chinese)
  gapMm?: number;
  copies?: number;
}

/** One label as TSPL bytes (binary: BITMAP data and GBK text are not UTF-8). */
export function renderTspl(list: DisplayList, opts: TsplOptions = {}): Buffer {
  const d = list.dpmm;
  const parts: Buffer[] = [];
  const line = (s: string) => parts.push(Buffer.from(s + '\r\n', 'latin1'));
  const dots = (mm: number) => Math.round(mm * d);
  line(`SIZE ${list.widthMm} mm,${list.heightMm} mm`);
  line(`GAP ${opts.gapMm ?? 2} mm,0 mm`);
  line('DIRECTION 1');
  line('CLS');
  for (const op of list.ops) {
    switch (op.op) {
      case 'rect':
        if (op.white) line(`ERASE ${dots(op.x)},${dots(op.y)},${Math.max(1, dots(op.w))},${Math.max(1, dots(op.h))}`);
        else line(`BAR ${dots(op.x)},${dots(op.y)},${Math.max(1, dots(op.x + op.w) - dots(op.x))},${Math.max(1, dots(op.y + op.h) - dots(op.y))}`);
        break;
      case 'barcode':
        if (op.code.rows === 1) {
          const m = Math.round(op.moduleMm * d), x0 = dots(op.x), y0 = dots(op.y), h = dots(op.heightMm);
          for (const r of op.code.rects) line(`BAR ${x0 + r.x * m},${y0},${r.w * m},${h}`);
        } else bitmap(parts, op, d);
        break;
      case 'text':
        if (opts.textMode === 'resident') residentText(parts, op, d, opts.residentFont ?? 'TSS24.BF2');
        else bitmap(parts, op, d, op.white);
        break;
      case 'image':
        bitmap(parts, op, d);
        break;
    }
  }
  line(`PRINT 1,${opts.copies ?? 1}`);
  return Buffer.concat(parts);
}

/** BITMAP x,y,widthBytes,height,0,data: in TSPL a 0 bit prints a dot, so our ink bits are inverted. */
function bitmap(parts: Buffer[], op: Op, d: number, reverse = false): void {
  const g = opGraphic(op, d);
  if (!g) return;
  const data = Buffer.from(g.data.map((b) => ~b & 0xff));
  parts.push(Buffer.from(`BITMAP ${g.x},${g.y},${g.bytesPerRow},${g.h},0,`, 'latin1'), data, Buffer.from('\r\n', 'latin1'));
  // White text on a black box: the bitmap overwrote the box with black-on-white, REVERSE flips it back.
  if (reverse) parts.push(Buffer.from(`REVERSE ${g.x},${g.y},${g.bytesPerRow * 8},${g.h}\r\n`, 'latin1'));
}

function residentText(parts: Buffer[], op: Extract<Op, { op: 'text' }>, d: number, font: string): void {
  const cell = 24; // TSS24.BF2 cell in dots
  const mul = Math.max(1, Math.round((op.sizeMm * d) / cell));
  const top = Math.round((op.baseline - op.sizeMm * 0.88) * d);
  const text = op.text.replace(/"/g, '\\["]');
  parts.push(Buffer.from(`TEXT ${Math.round(op.x * d)},${top},"${font}",0,${mul},${mul},"`, 'latin1'), iconv.encode(text, 'gbk'), Buffer.from('"\r\n', 'latin1'));
  if (op.white) parts.push(Buffer.from(`REVERSE ${Math.round(op.x * d)},${top},${Math.round(op.widthMm * d)},${mul * cell}\r\n`, 'latin1'));
}
