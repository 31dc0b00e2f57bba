// Is this file a Packline backup this Packline can restore? Read from the file's header and its own
// schema record, before anything is replaced.
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../lib/errors';
import { readBackupSchema } from './store';

/** "PKLN": written into every Packline database's header (SQLite's application_id) by the backup migration. */
export const PACKLINE_APPLICATION_ID = 0x504b4c4e;

const SQLITE_MAGIC = 'SQLite format 3\0';

function header(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(100);
    const n = readSync(fd, b, 0, 100, 0);
    return b.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses, naming the file, anything a restore must not put in place: a file that is not an SQLite
 * database, an SQLite database that is not Packline's, a backup written by a newer Packline (a
 * migration this one does not know, or a higher schema version), or a damaged one. `known` is this
 * Packline's migration versions.
 */
export function checkBackup(file: string, known: readonly number[]): { schema: number } {
  const name = basename(file);
  const refuse = (why: string): never => {
    throw new AppError('validation', `${name} ${why}`, [{ path: 'name', message: why }]);
  };
  let h: Buffer;
  try {
    if (!statSync(file).isFile()) refuse('is not a file');
    h = header(file);
  } catch (e) {
    if (e instanceof AppError) throw e;
    return refuse(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (h.length < 100 || h.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) refuse('is not a Packline backup: it is not an SQLite database');
  if (h.readUInt32BE(68) !== PACKLINE_APPLICATION_ID) refuse('is not a Packline backup: it is an SQLite database of another program');
  const userVersion = h.readUInt32BE(60);
  const latest = Math.max(...known);
  const newer = (v: number) => refuse(`is from a newer Packline (schema ${v}; this Packline knows up to ${latest}): install the newer Packline to restore it`);
  if (userVersion > latest) newer(userVersion);
  let facts: ReturnType<typeof readBackupSchema>;
  try {
    facts = readBackupSchema(file);
  } catch (e) {
    return refuse(`cannot be opened: ${(e as Error).message}`);
  }
  if (!facts.versions || !facts.hasOrders) refuse('is not a Packline backup: it has no orders or no schema record');
  const unknown = facts.versions!.filter((v) => !known.includes(v));
  if (unknown.length) newer(Math.max(...unknown));
  if (facts.quickCheck !== 'ok') refuse(`is damaged: ${facts.quickCheck}`);
  return { schema: userVersion };
}
