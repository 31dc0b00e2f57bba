// The bench's state on disk: one JSON line per acknowledged change, fsync'd before the screen is
// told, so a kill -9 never loses a scan the operator saw ticked off (an order start the core holds
// is written but not fsync'd: Flow.heldByCore). The last whole line wins;
// a torn line from a crash is ignored. Once a parcel has left the bench and the file has grown past
// COMPACT_BYTES it is rewritten with just the latest state, so it stays small: rewriting it at every
// parcel cost a second fsync (temp file, rename, folder) on each one, for a file of a few lines. Only this OS user reads it (file 0600, folder 0700),
// and it holds no session token: after a crash the operator scans their badge again.
import { openSync, writeSync, fsyncSync, closeSync, readFileSync, renameSync, existsSync, writeFileSync, chmodSync, fstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appendBenchAudit, benchAuditPath, FILE_MODE, privateDir } from '../bench-audit';
import { moveTo } from './phases';
import { EMPTY, inWords, type Persisted } from './state';

/** A journal longer than this is rewritten with one line once no parcel is in progress. */
export const COMPACT_BYTES = 64 * 1024;

export class SnapshotJournal<T> {
  private fd: number | undefined;
  /** the file's length as this journal left it (counted from its open) */
  private bytes = 0;

  constructor(readonly path: string) {}

  /** The last state written, or undefined for a new bench. */
  load(): T | undefined {
    if (!existsSync(this.path)) return undefined;
    const lines = readFileSync(this.path, 'utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i]!.trim();
      if (!line) continue;
      try {
        return JSON.parse(line) as T;
      } catch {
        // torn by a crash mid-write: the line before it is the last acknowledged state
      }
    }
    return undefined;
  }

  /** Appends one line and fsyncs it; `sync: false` leaves the flush to the OS (see Flow.heldByCore). */
  append(state: T, { sync = true }: { sync?: boolean } = {}): void {
    if (this.fd === undefined) {
      privateDir(this.path);
      this.fd = openSync(this.path, 'a', FILE_MODE);
      chmodSync(this.path, FILE_MODE);
      this.bytes = fstatSync(this.fd).size;
    }
    this.bytes += writeSync(this.fd, `${JSON.stringify(state)}\n`);
    if (sync) fsyncSync(this.fd);
  }

  /** True once the file has grown past `limit` bytes (as far as this journal wrote it). */
  longerThan(limit: number): boolean {
    return this.bytes > limit;
  }

  /** Replaces the file with one line (temp file, fsync, rename). */
  compact(state: T): void {
    this.close();
    privateDir(this.path);
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: FILE_MODE });
    chmodSync(tmp, FILE_MODE);
    const fd = openSync(tmp, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
    this.bytes = 0;
    // the rename is durable only once the folder is: else a crash could bring back the old file
    // (Windows opens no folder as a file; NTFS journals the rename itself)
    if (process.platform === 'win32') return;
    const dir = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The state as journaled: no credentials (the operator's session token, a lead's override badge). */
const onDisk = (s: Persisted) => ({
  ...s,
  operator: s.operator && { ...s.operator, token: undefined },
  confirming: s.confirming?.override ? { ...s.confirming, override: { ...s.confirming.override, badge: '' } } : s.confirming,
});

/**
 * One bench's journal (<dataDir>/station/<bench id>.jsonl), read back over the empty bench, and its
 * audit file (<bench id>.audit.jsonl: take-overs, appended, never compacted).
 */
export class BenchJournal {
  private readonly file: SnapshotJournal<Persisted>;
  private readonly auditPath: string;

  constructor(dataDir: string, benchId: string) {
    this.file = new SnapshotJournal(join(dataDir, 'station', `${benchId}.jsonl`));
    this.auditPath = benchAuditPath(dataDir, benchId);
  }

  /**
   * The state the bench left off in; a journal from before a field existed gets its empty value.
   * The operator's session is not on disk: the bench waits for a badge (the order stays on it).
   */
  load(): Persisted {
    const s: Persisted = inWords({ ...EMPTY, ...(this.file.load() ?? {}) });
    const hadToken = !!s.operator?.token;
    if (s.operator) {
      s.operator = null;
      // a parcel mid-confirm waits in its phase: the next login confirms it with the same key
      if (s.phase !== 'label') moveTo(s, 'logout');
    }
    // a journal written before tokens were kept off disk is rewritten at once, without them
    if (hadToken) this.file.compact(onDisk(s) as Persisted);
    return s;
  }

  /** Appends the state; once no parcel is in progress and the file is long, it is rewritten with just it. */
  save(s: Persisted, opts: { sync?: boolean } = {}): void {
    const state = onDisk(s) as Persisted;
    if ((s.phase === 'done' || s.phase === 'idle') && this.file.longerThan(COMPACT_BYTES)) this.file.compact(state);
    else this.file.append(state, opts);
  }

  audit(entry: Record<string, unknown>): void {
    appendBenchAudit(this.auditPath, entry);
  }

  close(): void {
    this.file.close();
  }
}
