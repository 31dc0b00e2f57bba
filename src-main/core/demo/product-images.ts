// Small product pictures for the demo, drawn here (no downloads): a coloured tile with a simple
// shape, as an RGB PNG. Enough to see an image on the Products screen and the Pack screen's line.
import { deflateSync } from 'node:zlib';
import { chunk } from '../../labels/raster';

export type Shape = 'circle' | 'square' | 'diamond' | 'bar';

/** A size x size RGB PNG: background `bg`, a `shape` in `fg` in the middle. */
export function productPng(bg: [number, number, number], fg: [number, number, number], shape: Shape, size = 96): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    const o = y * (size * 3 + 1);
    raw[o] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const dx = Math.abs(x + 0.5 - c), dy = Math.abs(y + 0.5 - c);
      const inside = shape === 'circle' ? dx * dx + dy * dy < (size * 0.32) ** 2
        : shape === 'square' ? dx < size * 0.28 && dy < size * 0.28
        : shape === 'diamond' ? dx + dy < size * 0.36
        : dx < size * 0.14 && dy < size * 0.36;
      raw.set(inside ? fg : bg, o + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
