// The bench's state on disk: one JSON line per acknowledged change, fsync'd before the screen is
// told, so a kill -9 never loses a scan the operator saw ticked off. The last whole line wins;
// a torn line from a crash is ignored. The file is rewritten with just the latest state whenever
// a parcel leaves the bench, so it stays small.
import { openSync, writeSync, fsyncSync, closeSync, readFileSync, mkdirSync, renameSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EMPTY, inWords, type Persisted } from './state';

export class SnapshotJournal<T> {
  private fd: number | undefined;

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

  append(state: T): void {
    if (this.fd === undefined) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'a');
    }
    writeSync(this.fd, `${JSON.stringify(state)}\n`);
    fsyncSync(this.fd);
  }

  /** Replaces the file with one line (temp file, fsync, rename). */
  compact(state: T): void {
    this.close();
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state)}\n`);
    const fd = openSync(tmp, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** One bench's journal (<dataDir>/station/<bench id>.jsonl), read back over the empty bench. */
export class BenchJournal {
  private readonly file: SnapshotJournal<Persisted>;

  constructor(dataDir: string, benchId: string) {
    this.file = new SnapshotJournal(join(dataDir, 'station', `${benchId}.jsonl`));
  }

  /** The state the bench left off in; a journal from before a field existed gets its empty value. */
  load(): Persisted {
    return inWords({ ...EMPTY, ...(this.file.load() ?? {}) });
  }

  /** Appends the state; once no parcel is in progress the file is rewritten with just it. */
  save(s: Persisted): void {
    if (s.phase === 'done' || s.phase === 'idle') this.file.compact(s);
    else this.file.append(s);
  }

  close(): void {
    this.file.close();
  }
}
