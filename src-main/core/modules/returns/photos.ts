// Photos of graded units, as files in the data folder (returns/photos/<unit id>.<ext>): the
// database keeps the file name only, so a backup of the database stays small.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail, issue } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';

const EXT: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };
const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

const folder = (dataDir: string | null) => join(dataDir ?? fail('unavailable', 'this core has no data folder to keep photos in'), 'returns', 'photos');

/** Writes a data: URL's image for a unit; returns the file name. */
export function savePhoto(dataDir: string | null, unitId: string, dataUrl: string): string {
  const m = /^data:image\/(jpeg|png|webp);base64,(.+)$/.exec(dataUrl) ?? fail('validation', said('photoNotImage'), [issue('photo', said('notAnImage'))]);
  const dir = folder(dataDir);
  mkdirSync(dir, { recursive: true });
  const name = `${unitId}.${EXT[m[1]!]}`;
  writeFileSync(join(dir, name), Buffer.from(m[2]!, 'base64'));
  return name;
}

export function readPhoto(dataDir: string | null, name: string): { bytes: Uint8Array; mime: string } {
  const file = join(folder(dataDir), name);
  if (!existsSync(file)) fail('not_found', said('noPhoto', { name }));
  return { bytes: readFileSync(file), mime: MIME[name.split('.').pop()!] ?? 'application/octet-stream' };
}
