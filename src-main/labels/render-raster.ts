// Display list -> pixels at the printer's grid: the PNG preview and the bitmaps for ZPL/TSPL.
import { drawText } from './glyphs';
import type { BarcodeOp, DisplayList, Op } from './layout';
import { decodePngDataUrl } from './png-decode';
import { Bitmap } from './raster';

/** Draws every op, or only those `include` accepts (ZPL/TSPL draw barcodes and rules natively). */
export function rasterize(list: DisplayList, include: (op: Op) => boolean = () => true, bmp?: Bitmap): Bitmap {
  const d = list.dpmm;
  const out = bmp ?? new Bitmap(Math.round(list.widthMm * d), Math.round(list.heightMm * d));
  for (const op of list.ops) {
    if (!include(op)) continue;
    drawOp(out, op, d);
  }
  return out;
}

/** Draws one op; (ox, oy) is the pixel position of the bitmap's top-left corner on the label. */
export function drawOp(bmp: Bitmap, op: Op, d: number, ox = 0, oy = 0): void {
  switch (op.op) {
    case 'rect':
      bmp.fillRect(Math.round(op.x * d) - ox, Math.round(op.y * d) - oy, Math.round((op.x + op.w) * d) - ox, Math.round((op.y + op.h) * d) - oy, op.white);
      return;
    case 'text':
      drawText(bmp, op.text, op.x * d - ox, op.baseline * d - oy, op.sizeMm * d, { bold: op.bold, white: op.white });
      return;
    case 'barcode':
      drawBarcode(bmp, op, d, ox, oy);
      return;
    case 'image': {
      const { image } = decodePngDataUrl(op.src);
      const x0 = Math.round(op.x * d) - ox, y0 = Math.round(op.y * d) - oy, w = Math.round(op.w * d), h = Math.round(op.h * d);
      const mask = { w, h, data: new Uint8Array(w * h) };
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        mask.data[y * w + x] = image.ink[Math.floor((y * image.height) / h) * image.width + Math.floor((x * image.width) / w)]!;
      }
      bmp.blit(mask, x0, y0);
      return;
    }
  }
}

export function drawBarcode(bmp: Bitmap, op: BarcodeOp, d: number, ox = 0, oy = 0): void {
  const m = Math.round(op.moduleMm * d);
  const x0 = Math.round(op.x * d) - ox, y0 = Math.round(op.y * d) - oy;
  const linearH = Math.round(op.heightMm * d);
  for (const r of op.code.rects) {
    if (op.code.rows === 1) bmp.fillRect(x0 + r.x * m, y0, x0 + (r.x + r.w) * m, y0 + linearH);
    else bmp.fillRect(x0 + r.x * m, y0 + r.y * m, x0 + (r.x + r.w) * m, y0 + (r.y + r.h) * m);
  }
}
