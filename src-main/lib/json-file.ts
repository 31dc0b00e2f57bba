import { readFileSync, writeFileSync, renameSync, mkdirSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { AppError } from './errors';

/** Reads a JSON settings file validated by a schema; a missing file gives the fallback. */
export function readJsonFile<T extends z.ZodType>(path: string, schema: T, fallback: z.infer<T>): z.infer<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppError('validation', `${path} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Writes atomically (temp file, fsync, rename) so a crash never leaves half a file. */
export function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2));
  const fd = openSync(tmp, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
}
