// One display-list op drawn alone and cropped to its ink: how ZPL (^GFA) and TSPL (BITMAP) get
// host-rendered text, QR codes and images.
import type { Op } from './layout';
import { drawOp } from './render-raster';
import { Bitmap } from './raster';

/** Draws one op into a scratch bitmap, crops to its ink; null when it inks nothing. */
export function opBitmap(op: Op, d: number): { x: number; y: number; w: number; h: number; bytesPerRow: number; data: Uint8Array } | null {
  const { x0, y0, w, h } = opBounds(op, d);
  const scratch = new Bitmap(w, h);
  drawOp(scratch, op.op === 'text' ? { ...op, white: false } : op, d, x0, y0);
  const ink = scratch.dirty;
  if (!ink) return null;
  const mono = scratch.toMono(ink.x0, ink.y0, ink.x1 - ink.x0, ink.y1 - ink.y0);
  return { x: x0 + ink.x0, y: y0 + ink.y0, w: ink.x1 - ink.x0, h: ink.y1 - ink.y0, ...mono };
}

/** The pixel box an op can ink (generous for text: ascenders, descenders, fake bold). */
function opBounds(op: Op, d: number): { x0: number; y0: number; w: number; h: number } {
  if (op.op === 'text') {
    const x0 = Math.max(0, Math.floor((op.x - op.sizeMm * 0.2) * d)), y0 = Math.max(0, Math.floor((op.baseline - op.sizeMm * 1.2) * d));
    return { x0, y0, w: Math.ceil((op.widthMm + op.sizeMm * 0.6) * d), h: Math.ceil(op.sizeMm * 1.6 * d) };
  }
  if (op.op === 'barcode') {
    return { x0: Math.floor(op.x * d), y0: Math.floor(op.y * d), w: Math.ceil(op.code.cols * op.moduleMm * d) + 1, h: Math.ceil(op.heightMm * d) + 1 };
  }
  if (op.op === 'image' || op.op === 'rect') return { x0: Math.floor(op.x * d), y0: Math.floor(op.y * d), w: Math.ceil(op.w * d) + 1, h: Math.ceil(op.h * d) + 1 };
  return { x0: 0, y0: 0, w: 1, h: 1 };
}


export interface OpGraphic { x: number; y: number; w: number; h: number; bytesPerRow: number; data: Uint8Array; key: string | null }

const textCache = new Map<string, Omit<OpGraphic, 'x' | 'y'> & { dx: number; dy: number }>();
const TEXT_CACHE_MAX = 5000;

/**
 * opBitmap with a cache for text: a wave repeats the same captions and many of the same values, so
 * each distinct text at a given size and sub-pixel position is drawn once per process.
 */
export function opGraphic(op: Op, d: number): OpGraphic | null {
  if (op.op !== 'text') {
    const g = opBitmap(op, d);
    return g && { ...g, key: null };
  }
  const ix = Math.floor(op.x * d), iy = Math.floor(op.baseline * d);
  const key = `${op.text}\u0000${(op.sizeMm * d).toFixed(3)}\u0000${op.bold ? 1 : 0}\u0000${(op.x * d - ix).toFixed(3)}\u0000${(op.baseline * d - iy).toFixed(3)}`;
  let hit = textCache.get(key);
  if (!hit) {
    const g = opBitmap(op, d);
    if (!g) return null;
    hit = { dx: g.x - ix, dy: g.y - iy, w: g.w, h: g.h, bytesPerRow: g.bytesPerRow, data: g.data, key };
    if (textCache.size >= TEXT_CACHE_MAX) textCache.delete(textCache.keys().next().value!);
    textCache.set(key, hit);
  }
  return { x: ix + hit.dx, y: iy + hit.dy, w: hit.w, h: hit.h, bytesPerRow: hit.bytesPerRow, data: hit.data, key };
}
