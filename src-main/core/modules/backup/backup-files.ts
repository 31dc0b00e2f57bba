// Backup files: taking one (online, in a worker thread), listing and pruning a folder, and restoring
// one safely: checked, put beside the database as restore-pending.db, and swapped in when the core
// next opens the data folder, the database it replaces kept aside.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_NAME, type BackupFile } from '../../../contract/backup';
import { AppError, fail, issue } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { logger } from '../../../lib/log';
import { checkBackup } from './backup-check';
import { makeStandalone } from './store';

const log = logger('core.backup');

/** A restore waiting for the next start, beside the database. */
export const PENDING_RESTORE = 'restore-pending.db';
const DB_FILE = 'packline.db';

/** The migration versions this Packline knows (core/modules.ts; read when needed, not at load: modules.ts lists this module). */
export async function knownVersions(): Promise<number[]> {
  const { MIGRATIONS } = await import('../../modules');
  return MIGRATIONS.map((m) => m.version);
}

/**
 * The copy itself, in a thread of its own with its own connection, so the core's thread keeps
 * answering. One step copies every page in one read transaction: a consistent snapshot while the
 * intake thread and the benches go on writing (WAL lets them), where steps of a few pages would
 * start over at each of their commits.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const src = new Database(workerData.file, { fileMustExist: true, timeout: 10000 });
src.backup(workerData.dest, { progress: () => 0x7fffffff })
  .then((p) => parentPort.postMessage({ ok: true, pages: p.totalPages }), (e) => parentPort.postMessage({ ok: false, message: e.message }))
  .finally(() => src.close());
`;

/** Settles once the thread has exited (its connections closed); `signal` (the core closing) terminates it. */
function copyInWorker(file: string, dest: string, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(closing());
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, dest } });
  let onAbort = () => {};
  return new Promise<void>((resolve, reject) => {
    worker.on('message', (m: { ok: boolean; message?: string }) => (m.ok ? resolve() : reject(new Error(m.message))));
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the backup thread stopped (exit code ${code})`)));
    onAbort = () => reject(closing());
    signal?.addEventListener('abort', onAbort, { once: true });
  }).finally(async () => {
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  });
}

const closing = () => new AppError('unavailable', 'the core is shutting down');

const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Backups in a folder, newest first (their names carry the UTC time they were taken). */
export function listBackups(folder: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  // packline-<stamp>.db, then -2, -3 ... taken in the same second
  const order = (n: string) => {
    const m = /^packline-(\d{8}-\d{6})(?:-(\d+))?\.db$/.exec(n)!;
    return `${m[1]}-${m[2]?.padStart(6, '0') ?? '000001'}`;
  };
  return readdirSync(folder)
    .filter((n) => BACKUP_NAME.test(n))
    .sort((a, b) => order(b).localeCompare(order(a)))
    .map((name) => {
      const [, d, t] = /^packline-(\d{8})-(\d{6})/.exec(name)!;
      const at = `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}T${t!.slice(0, 2)}:${t!.slice(2, 4)}:${t!.slice(4, 6)}Z`;
      return { name, bytes: statSync(join(folder, name)).size, at };
    });
}

/**
 * Takes a backup of the database `file` into `folder` (made if its parent exists): copied in a
 * worker thread, made standalone, checked like a restore would, and only then given its name, so a
 * half-written copy never counts. Then keeps the newest `keep` backups of the folder. `signal` (the
 * core closing) stops it: the copy's thread is terminated (the partial file removed), or the mirror
 * stops between two files.
 */
export async function takeBackup(file: string, folder: string, keep: number, now: Date, dataDir?: string | null, signal?: AbortSignal): Promise<BackupFile> {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    fail('validation', said('backupFolderUnreachable', { folder, code: String((e as NodeJS.ErrnoException).code) }), [issue('folder', said('notReachable'))]);
  }
  let name = `packline-${stamp(now)}.db`;
  for (let n = 2; existsSync(join(folder, name)); n++) name = `packline-${stamp(now)}-${n}.db`;
  const partial = join(folder, `${name}.partial`);
  try {
    await copyInWorker(file, partial, signal);
    makeStandalone(partial);
    checkBackup(partial, await knownVersions());
    renameSync(partial, join(folder, name));
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
  pruneBackups(folder, keep, name);
  const files = dataDir ? await mirrorDataFiles(dataDir, folder, signal) : 0;
  log.info({ folder, name, files }, 'backup taken');
  return listBackups(folder).find((b) => b.name === name)!;
}

/**
 * Deletes the backups of the folder beyond the newest `keep` (only files named like backups). The one
 * `justTaken` always stays: its name comes from the core's clock, which a file copied in from
 * elsewhere (or a clock set back) can be ahead of.
 */
export function pruneBackups(folder: string, keep: number, justTaken?: string): string[] {
  const others = listBackups(folder).filter((b) => b.name !== justTaken);
  const gone = others.slice(justTaken ? Math.max(keep - 1, 0) : keep).map((b) => b.name);
  for (const n of gone) rmSync(join(folder, n), { force: true });
  return gone;
}

/**
 * Checks a backup and puts a copy of it beside the database as restore-pending.db, for the core
 * to swap in when it next opens the folder. Refused (nothing changes) when the file is not a
 * Packline backup, is from a newer Packline, or is damaged.
 */
export function stageRestore(dataDir: string, backup: string, known: readonly number[]): void {
  checkBackup(backup, known);
  const partial = join(dataDir, `${PENDING_RESTORE}.partial`);
  copyFileSync(backup, partial);
  try {
    checkBackup(partial, known); // the copy, as it will be opened
    renameSync(partial, join(dataDir, PENDING_RESTORE));
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Files the database names but does not hold (product images, return photos), under these folders
 * of the data folder. Their names never change meaning (an image's carries its hash, a photo's its
 * unit), so a backup keeps one mirror of them in <backup folder>/files/ that every backup shares.
 */
const DATA_FILE_FOLDERS = ['images', join('returns', 'photos')];
const MIRROR = 'files';

/**
 * Copies `from`'s files that `to` lacks (or holds at another size); never deletes. Returns how many.
 * `signal` (the core closing) stops it between two files.
 */
async function copyMissing(from: string, to: string, signal?: AbortSignal): Promise<number> {
  const names = await readdir(from).catch(() => [] as string[]);
  let copied = 0;
  for (const name of names) {
    if (signal?.aborted) throw closing();
    const src = join(from, name);
    const s = await stat(src);
    if (!s.isFile()) continue;
    const there = await stat(join(to, name)).catch(() => null);
    if (there?.size === s.size) continue;
    if (copied === 0) await mkdir(to, { recursive: true });
    await copyFile(src, join(to, name));
    copied++;
  }
  return copied;
}

/** Brings the backup folder's mirror of the data folder's files up to date (after each backup). */
export async function mirrorDataFiles(dataDir: string, folder: string, signal?: AbortSignal): Promise<number> {
  let n = 0;
  for (const sub of DATA_FILE_FOLDERS) n += await copyMissing(join(dataDir, sub), join(folder, MIRROR, sub), signal);
  return n;
}

/**
 * Puts back the files a restored database names: those of the backup folder's mirror that the data
 * folder lacks. Existing files stay (a file restored early is harmless: nothing names it yet).
 */
export async function restoreDataFiles(folder: string, dataDir: string, signal?: AbortSignal): Promise<number> {
  let n = 0;
  for (const sub of DATA_FILE_FOLDERS) n += await copyMissing(join(folder, MIRROR, sub), join(dataDir, sub), signal);
  return n;
}

/** Takes back a restore staged by stageRestore (its files could not be put back): nothing is restored at the next start. */
export const dropStagedRestore = (dataDir: string): void => rmSync(join(dataDir, PENDING_RESTORE), { force: true });

/** The name of the backup waiting to be restored, if any. */
export const pendingRestore = (dataDir: string): boolean => existsSync(join(dataDir, PENDING_RESTORE));

/**
 * Before the core opens the data folder: swaps in a restore that is waiting. The database it
 * replaces (with its WAL) is kept in before-restore-<time>/, so a restore can be undone by hand.
 * A pending file that fails its check again is set aside as restore-refused-<time>.db and the
 * database stays as it was. Returns what it did, for the log.
 */
export function applyPendingRestore(dataDir: string, known: readonly number[], now = new Date()): 'restored' | 'refused' | 'none' {
  const pending = join(dataDir, PENDING_RESTORE);
  if (!existsSync(pending)) return 'none';
  try {
    checkBackup(pending, known);
  } catch (e) {
    renameSync(pending, join(dataDir, `restore-refused-${stamp(now)}.db`));
    log.error({ err: e }, 'the waiting restore was refused; the database stays as it was');
    return 'refused';
  }
  const aside = join(dataDir, `before-restore-${stamp(now)}`);
  mkdirSync(aside, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(join(dataDir, DB_FILE + suffix))) renameSync(join(dataDir, DB_FILE + suffix), join(aside, DB_FILE + suffix));
  }
  renameSync(pending, join(dataDir, DB_FILE));
  log.info({ aside }, 'backup restored; the database it replaced is kept aside');
  return 'restored';
}
