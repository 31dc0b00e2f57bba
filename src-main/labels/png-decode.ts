// Decodes the PNGs templates may embed (logos) into greyscale, for the raster outputs.
// 8-bit grey, grey+alpha, RGB and RGBA, non-interlaced: what image editors export by default.
import { inflateSync } from 'node:zlib';
import { AppError } from '../lib/errors';

export interface GreyImage { width: number; height: number; ink: Uint8Array } // ink 0 white .. 255 black

export function decodePngDataUrl(src: string): { png: Buffer; image: GreyImage } {
  const m = /^data:image\/png;base64,(.+)$/.exec(src);
  if (!m) throw new AppError('validation', 'image src must be a data:image/png;base64 URL');
  const png = Buffer.from(m[1]!, 'base64');
  return { png, image: decodePng(png) };
}

export function decodePng(buf: Buffer): GreyImage {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new AppError('validation', 'image is not a PNG');
  let off = 8, width = 0, height = 0, depth = 0, type = 0, interlace = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const kind = buf.toString('ascii', off + 4, off + 8);
    const body = buf.subarray(off + 8, off + 8 + len);
    if (kind === 'IHDR') { width = body.readUInt32BE(0); height = body.readUInt32BE(4); depth = body[8]!; type = body[9]!; interlace = body[12]!; }
    if (kind === 'IDAT') idat.push(body);
    off += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[type];
  if (depth !== 8 || !channels || interlace) throw new AppError('validation', 'image PNG must be 8-bit grey/RGB(A), not interlaced, not palette');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[y * stride + x - channels]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels]! : 0;
      const v = raw[y * (stride + 1) + 1 + x]!;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : f === 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? b : c) : 0;
      px[y * stride + x] = (v + pred) & 0xff;
    }
  }
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const o = i * channels;
    const grey = channels >= 3 ? (px[o]! * 299 + px[o + 1]! * 587 + px[o + 2]! * 114) / 1000 : px[o]!;
    const alpha = channels === 2 ? px[o + 1]! : channels === 4 ? px[o + 3]! : 255;
    ink[i] = Math.round(((255 - grey) * alpha) / 255);
  }
  return { width, height, ink };
}
