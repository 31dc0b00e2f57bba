// Append-only JSONL journal of print jobs, fsync'd after every entry, so jobs survive a crash
// and no job is printed twice. Entries for one job, in order:
//   queued (with the payload) -> sending -> done | retry (-> sending ...) | cancelled
// A job whose last entry is `sending` when the app starts may or may not have printed: it is
// held as `uncertain` for a person to decide, never resent by itself.
import { openSync, writeSync, fsyncSync, closeSync, readFileSync, mkdirSync, renameSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { logger } from '../lib/log';
import type { PrintLanguage } from './transports/printer-sinks';

const log = logger('devices.print-journal');

export type JournalEntry =
  | { t: 'queued'; id: string; at: string; language: PrintLanguage; data: string; label?: string }
  | { t: 'sending'; id: string; at: string; attempt: number }
  | { t: 'retry'; id: string; at: string; reason: string }
  | { t: 'done'; id: string; at: string }
  | { t: 'cancelled'; id: string; at: string; reason: string }
  | { t: 'released'; id: string; at: string };

export interface JournalJob {
  id: string;
  language: PrintLanguage;
  data: Uint8Array;
  label?: string;
  queuedAt: string;
  attempts: number;
  state: 'pending' | 'uncertain';
}

export class PrintJournal {
  private fd: number | undefined;

  constructor(readonly path: string) {}

  /**
   * Reads the journal, returns the unfinished jobs in queue order, and rewrites the file with only
   * those (so it does not grow forever). A torn last line from a crash is ignored.
   */
  open(): JournalJob[] {
    mkdirSync(dirname(this.path), { recursive: true });
    const jobs = new Map<string, JournalJob>();
    const tail = new Map<string, JournalEntry['t']>();
    if (existsSync(this.path)) {
      const lines = readFileSync(this.path, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        let e: JournalEntry;
        try {
          e = JSON.parse(line) as JournalEntry;
        } catch {
          log.warn({ line: i + 1, path: this.path }, 'print journal line unreadable (torn write?): skipped');
          return;
        }
        if (e.t === 'queued') jobs.set(e.id, { id: e.id, language: e.language, data: Buffer.from(e.data, 'base64'), label: e.label, queuedAt: e.at, attempts: 0, state: 'pending' });
        const j = jobs.get(e.id);
        if (!j) return;
        if (e.t === 'sending') j.attempts = e.attempt;
        if (e.t === 'done' || e.t === 'cancelled') jobs.delete(e.id);
        tail.set(e.id, e.t);
      });
    }
    const open = [...jobs.values()];
    for (const j of open) if (tail.get(j.id) === 'sending') j.state = 'uncertain';
    this.compact(open);
    this.fd = openSync(this.path, 'a');
    return open;
  }

  private compact(jobs: JournalJob[]): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w');
    for (const j of jobs) {
      writeSync(fd, JSON.stringify({ t: 'queued', id: j.id, at: j.queuedAt, language: j.language, data: Buffer.from(j.data).toString('base64'), label: j.label } satisfies JournalEntry) + '\n');
      if (j.state === 'uncertain') writeSync(fd, JSON.stringify({ t: 'sending', id: j.id, at: new Date().toISOString(), attempt: j.attempts } satisfies JournalEntry) + '\n');
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
  }

  /**
   * Appends one entry; with `sync` it waits for the disk. `done` may skip the fsync: the write is
   * in the page cache (a crashed app loses nothing), and if power fails before the next fsync the
   * job comes back as `sending` = uncertain and is held for a person: never printed twice.
   */
  append(e: JournalEntry, sync = true): void {
    if (this.fd === undefined) throw new Error('print journal not open');
    writeSync(this.fd, JSON.stringify(e) + '\n');
    if (sync) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
