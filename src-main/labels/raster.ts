// A small greyscale raster (ink 0..255) for PNG previews and the host-rendered bitmaps sent to
// ZPL (^GFA) and TSPL (BITMAP) printers, plus a PNG encoder on node:zlib.
import { deflateSync } from 'node:zlib';

export class Bitmap {
  readonly ink: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.ink = new Uint8Array(width * height);
  }

  /** Fills [x0,x1) x [y0,y1) in whole pixels, clipped; white clears the ink. */
  fillRect(x0: number, y0: number, x1: number, y1: number, white = false): void {
    const xa = Math.max(0, Math.min(this.width, x0)), xb = Math.max(0, Math.min(this.width, x1));
    const ya = Math.max(0, Math.min(this.height, y0)), yb = Math.max(0, Math.min(this.height, y1));
    const v = white ? 0 : 255;
    for (let y = ya; y < yb; y++) this.ink.fill(v, y * this.width + xa, y * this.width + xb);
    if (xa < xb && ya < yb) this.touch(xa, ya, xb, yb);
  }

  /** Draws a coverage mask at (x, y); ink is max-blended, or cleared where `white`. */
  blit(mask: Mask, x: number, y: number, white = false): void {
    const x0 = Math.max(0, x), x1 = Math.min(this.width, x + mask.w);
    const y0 = Math.max(0, y), y1 = Math.min(this.height, y + mask.h);
    if (x0 >= x1 || y0 >= y1) return;
    const ink = this.ink, src = mask.data;
    for (let ty = y0; ty < y1; ty++) {
      let si = (ty - y) * mask.w + (x0 - x);
      let di = ty * this.width + x0;
      for (let tx = x0; tx < x1; tx++, si++, di++) {
        const c = src[si]!;
        if (c === 0) continue;
        if (white) { const v = 255 - c; if (ink[di]! > v) ink[di] = v; } else if (ink[di]! < c) ink[di] = c;
      }
    }
    this.touch(x0, y0, x1, y1);
  }

  /** The box that anything was drawn into (a cheap stand-in for scanning the ink). */
  dirty: { x0: number; y0: number; x1: number; y1: number } | null = null;

  private touch(x0: number, y0: number, x1: number, y1: number): void {
    const d = this.dirty;
    if (!d) this.dirty = { x0, y0, x1, y1 };
    else { if (x0 < d.x0) d.x0 = x0; if (y0 < d.y0) d.y0 = y0; if (x1 > d.x1) d.x1 = x1; if (y1 > d.y1) d.y1 = y1; }
  }

  /** Rows of 1-bit pixels (1 = black, MSB first), thresholded at half coverage. */
  toMono(x0 = 0, y0 = 0, w = this.width, h = this.height): { bytesPerRow: number; data: Uint8Array } {
    const bytesPerRow = Math.ceil(w / 8);
    const data = new Uint8Array(bytesPerRow * h);
    const ink = this.ink;
    for (let y = 0; y < h; y++) {
      const row = (y0 + y) * this.width + x0;
      const out = y * bytesPerRow;
      for (let x = 0; x < w; x++) {
        if (ink[row + x]! >= 128) data[out + (x >> 3)] = data[out + (x >> 3)]! | (0x80 >> (x & 7));
      }
    }
    return { bytesPerRow, data };
  }

  /** The bounding box of inked pixels inside a region, or null when the region is blank. */
  inkBounds(x0: number, y0: number, x1: number, y1: number): { x0: number; y0: number; x1: number; y1: number } | null {
    let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1;
    for (let y = Math.max(0, y0); y < Math.min(this.height, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(this.width, x1); x++) {
        if (this.ink[y * this.width + x]! >= 128) {
          if (x < minX) minX = x; if (x > maxX) maxX = x; if (y < minY) minY = y; if (y > maxY) maxY = y;
        }
      }
    }
    return maxX < 0 ? null : { x0: minX, y0: minY, x1: maxX + 1, y1: maxY + 1 };
  }

  /** 8-bit greyscale PNG (white paper, black ink). */
  toPng(dpmm: number): Buffer {
    const raw = Buffer.alloc((this.width + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      const o = y * (this.width + 1);
      raw[o] = 0; // filter: none
      for (let x = 0; x < this.width; x++) raw[o + 1 + x] = 255 - this.ink[y * this.width + x]!;
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit, greyscale
    const phys = Buffer.alloc(9);
    const ppm = Math.round(dpmm * 1000);
    phys.writeUInt32BE(ppm, 0);
    phys.writeUInt32BE(ppm, 4);
    phys[8] = 1; // metres, so viewers know the print size
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr), chunk('pHYs', phys), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

/** A coverage mask (0..255) of w x h pixels. */
export interface Mask { w: number; h: number; data: Uint8Array }

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A PNG chunk (length, type, data, CRC); also used by the demo's product pictures. */
export function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

type Edge = [number, number, number, number]; // x0, y0, x1, y1 in pixels, y down

/**
 * Fills closed polygons with the non-zero rule into a coverage mask: 4 sub-scanlines per pixel,
 * exact horizontal coverage. Enough for text outlines at label sizes.
 */
export function fillPolygons(edges: Edge[], w: number, h: number): Mask {
  const data = new Float32Array(w * h);
  const SUB = 4;
  const xs: { x: number; dir: number }[] = [];
  for (let py = 0; py < h; py++) {
    for (let s = 0; s < SUB; s++) {
      const sy = py + (s + 0.5) / SUB;
      xs.length = 0;
      for (const [x0, y0, x1, y1] of edges) {
        if (y0 === y1) continue;
        const [ya, yb, dir] = y0 < y1 ? [y0, y1, 1] : [y1, y0, -1];
        if (sy < ya || sy >= yb) continue;
        xs.push({ x: x0 + ((sy - y0) / (y1 - y0)) * (x1 - x0), dir });
      }
      if (xs.length < 2) continue;
      xs.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let i = 0; i < xs.length - 1; i++) {
        winding += xs[i]!.dir;
        if (winding === 0) continue;
        const xa = Math.max(0, xs[i]!.x), xb = Math.min(w, xs[i + 1]!.x);
        for (let px = Math.floor(xa); px < xb; px++) {
          const cover = Math.min(xb, px + 1) - Math.max(xa, px);
          if (cover > 0) data[py * w + px]! += cover / SUB;
        }
      }
    }
  }
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, Math.round(data[i]! * 255));
  return { w, h, data: out };
}
