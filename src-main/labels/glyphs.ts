// Text to pixels from the shipped font's outlines, with a glyph cache: labels repeat the same
// few hundred characters, so a wave renders each glyph once per size.
import { charGlyph, labelFont } from './font';
import { fillPolygons, type Bitmap, type Mask } from './raster';

interface GlyphMask extends Mask { left: number; top: number } // offset from pen position / baseline

const cache = new Map<string, GlyphMask>();

function glyphMask(glyphId: number, px: number): GlyphMask {
  const key = `${glyphId}:${px}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { font } = labelFont();
  const scale = px / font.unitsPerEm;
  const edges: [number, number, number, number][] = [];
  let cx = 0, cy = 0, sx = 0, sy = 0;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const to = (x: number, y: number) => [x * scale, -y * scale] as const;
  const add = (x: number, y: number) => {
    edges.push([cx, cy, x, y]);
    cx = x; cy = y;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  };
  const STEPS = px > 40 ? 10 : 6;
  for (const c of font.getGlyph(glyphId).path.commands) {
    const a = c.args;
    if (c.command === 'moveTo') {
      if (cx !== sx || cy !== sy) add(sx, sy);
      [cx, cy] = to(a[0]!, a[1]!); [sx, sy] = [cx, cy];
      minX = Math.min(minX, cx); maxX = Math.max(maxX, cx); minY = Math.min(minY, cy); maxY = Math.max(maxY, cy);
    } else if (c.command === 'lineTo') {
      const [x, y] = to(a[0]!, a[1]!); add(x, y);
    } else if (c.command === 'quadraticCurveTo') {
      const [qx, qy] = to(a[0]!, a[1]!); const [x, y] = to(a[2]!, a[3]!);
      const [x0, y0] = [cx, cy];
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS, u = 1 - t;
        add(u * u * x0 + 2 * u * t * qx + t * t * x, u * u * y0 + 2 * u * t * qy + t * t * y);
      }
    } else if (c.command === 'bezierCurveTo') {
      const [c1x, c1y] = to(a[0]!, a[1]!); const [c2x, c2y] = to(a[2]!, a[3]!); const [x, y] = to(a[4]!, a[5]!);
      const [x0, y0] = [cx, cy];
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS, u = 1 - t;
        add(u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x,
          u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y);
      }
    } else if (c.command === 'closePath') {
      if (cx !== sx || cy !== sy) add(sx, sy);
    }
  }
  if (cx !== sx || cy !== sy) add(sx, sy);
  let mask: GlyphMask;
  if (edges.length === 0) mask = { w: 0, h: 0, data: new Uint8Array(0), left: 0, top: 0 };
  else {
    const left = Math.floor(minX), top = Math.floor(minY);
    const w = Math.ceil(maxX) - left + 1, h = Math.ceil(maxY) - top + 1;
    const shifted = edges.map(([x0, y0, x1, y1]) => [x0 - left, y0 - top, x1 - left, y1 - top] as [number, number, number, number]);
    mask = { ...fillPolygons(shifted, w, h), left, top };
  }
  cache.set(key, mask);
  return mask;
}

/** Draws one line of text with its baseline at (x, baseline) in pixels; `px` is the em size. */
export function drawText(bmp: Bitmap, text: string, x: number, baseline: number, px: number, opts: { bold?: boolean; white?: boolean } = {}): void {
  const scale = px / labelFont().unitsPerEm;
  const size = Math.max(1, Math.round(px));
  const embolden = opts.bold ? Math.max(1, Math.round(px / 24)) : 0;
  const gy0 = Math.round(baseline);
  let pen = x;
  for (const ch of text) {
    const g = charGlyph(ch.codePointAt(0)!);
    const m = glyphMask(g.id, size);
    if (m.w > 0) {
      const gx = Math.round(pen) + m.left;
      for (let d = 0; d <= embolden; d++) bmp.blit(m, gx + d, gy0 + m.top, opts.white);
    }
    pen += g.advance * scale;
  }
}
