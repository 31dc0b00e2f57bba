// Product images as files in the data folder (images/<sku id>-<hash>.<ext>), so the database stays
// small and a person can see them on disk. The type comes from the file's first bytes only: a
// browser is never handed something it might run (no SVG, no HTML).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SKU_IMAGE_MAX_BYTES, type SKU_IMAGE_TYPES } from '../../../contract/catalog';
import { fail } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';

type ImageType = (typeof SKU_IMAGE_TYPES)[number];
const EXT: Record<ImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };
const MIME_BY_EXT = Object.fromEntries(Object.entries(EXT).map(([m, e]) => [e, m])) as Record<string, ImageType>;

/** The image type by its signature, or null. */
export function imageTypeOf(b: Buffer): ImageType | null {
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) return 'image/gif';
  return null;
}

const imagesDir = (dataDir: string) => join(dataDir, 'images');

/** Checks an upload; its file name (under images/) and the URL the UI loads it by. */
export function checkedSkuImage(skuId: string, bytes: Buffer): { file: string; url: string } {
  if (bytes.length === 0) fail('validation', said('imageEmpty'), [{ path: 'body', message: 'empty' }]);
  if (bytes.length > SKU_IMAGE_MAX_BYTES) fail('payload_too_large', `the image is ${bytes.length} bytes; at most ${SKU_IMAGE_MAX_BYTES} (2 MiB)`);
  const type = imageTypeOf(bytes) ?? fail('unsupported_media_type', 'send a PNG, JPEG, WebP or GIF image (the file is none of these)', [{ path: 'body', message: 'not an image' }]);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  // the hash in the URL changes with the picture, so a browser never shows a cached old one
  return { file: `${skuId}-${hash}.${EXT[type]}`, url: `/api/skus/${skuId}/image?v=${hash}` };
}

/** Checks and stores an upload in the data folder. */
export async function storeSkuImage(dataDir: string | null, skuId: string, bytes: Buffer): Promise<{ file: string; url: string }> {
  if (!dataDir) fail('unavailable', 'this core runs without a data folder, so it cannot keep images');
  const image = checkedSkuImage(skuId, bytes);
  await mkdir(imagesDir(dataDir!), { recursive: true });
  await writeFile(join(imagesDir(dataDir!), image.file), bytes);
  return image;
}

/** The same, synchronously (the demo seed, which runs inside one write). */
export function storeSkuImageSync(dataDir: string, skuId: string, bytes: Buffer): { file: string; url: string } {
  const image = checkedSkuImage(skuId, bytes);
  mkdirSync(imagesDir(dataDir), { recursive: true });
  writeFileSync(join(imagesDir(dataDir), image.file), bytes);
  return image;
}

export async function readSkuImage(dataDir: string | null, file: string): Promise<{ bytes: Buffer; mime: string }> {
  const bytes = await readFile(join(imagesDir(dataDir ?? '.'), file)).catch(() => fail('not_found', `the image file ${file} is missing from the data folder`));
  return { bytes, mime: MIME_BY_EXT[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream' };
}

/** Removes a replaced image's file (a missing one is fine: nothing to remove). */
export async function removeSkuImage(dataDir: string | null, file: string | null): Promise<void> {
  if (dataDir && file) await rm(join(imagesDir(dataDir), file), { force: true });
}
