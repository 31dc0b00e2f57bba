// The bench's audit file, <data>/station/<bench id>.audit.jsonl: who took the bench over, switched
// its mode, cleared a stop, put one of its scanners in test scans (and how those ended). One JSON
// line each, appended, never compacted. Like the journal beside it, only this OS user reads it
// (file 0600, folder 0700), and it holds no code that may be a badge.
import { appendFileSync, chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** A file's folder, readable by this OS user alone (also one made before this rule). */
export function privateDir(path: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  chmodSync(dir, DIR_MODE);
}

export const benchAuditPath = (dataDir: string, benchId: string): string => join(dataDir, 'station', `${benchId}.audit.jsonl`);

/** Appends one entry, stamped with the time. */
export function appendBenchAudit(path: string, entry: Record<string, unknown>): void {
  privateDir(path);
  appendFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, { mode: FILE_MODE });
}
