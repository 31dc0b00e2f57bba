// Reads sent ahead with a write transaction's BEGIN (PgDatabase on PostgreSQL): what they are, when
// an answer may stand for the read, and the row form each read asks for.
import type { SyncConnection, SyncResult } from './sync-connection';

/** How many reads go ahead with a BEGIN at most, and the most rows one may answer to be sent ahead. */
const AHEAD_MAX = 8;
const AHEAD_MAX_ROWS = 200;
type AheadRead = { key: string; text: string; values: unknown[] | undefined; array: boolean };
export const aheadKey = (text: string, values: unknown[] | undefined, array: boolean) => `${array ? 1 : 0}${JSON.stringify(values ?? null)}\n${text}`;

/**
 * Reads sent ahead with a write transaction's BEGIN. A writer's transactions on PostgreSQL begin
 * with the same reads (the settings, routing's and the rules' generation checks that keep their
 * caches, the order number counter): each a round trip of its own before anything is written. A
 * read made with the same values before the first write in each of the last two write transactions
 * is sent with the next BEGIN (in the same round trip as the transaction's first statement waited
 * for) and its answer kept for that read. Exactly the answer it would get: it runs after the write
 * lock is taken (no other connection commits a write meanwhile) and before this transaction writes
 * (the kept answers are dropped at its first write and at its end).
 */
export class ReadsAhead {
  /** What the next BEGIN sends ahead. */
  private next: AheadRead[] = [];
  /** Reads before the first write of the previous and of this write transaction. */
  private before = new Set<string>();
  private now = new Map<string, AheadRead>();
  /** Answers of the reads sent ahead, until the transaction's first write. */
  private readonly kept = new Map<string, SyncResult>();
  /** In a write transaction, before its first write. */
  private recording = false;
  /** Reads answered from what went ahead, and reads sent ahead (diagnostics, the bench). */
  static hits = 0;
  static sent = 0;

  /** Sent ahead in this transaction (answered or not yet). */
  private sent = new Set<string>();

  constructor(private readonly settle: () => void) {}

  begin(conn: SyncConnection): void {
    this.recording = true;
    this.kept.clear();
    this.sent = new Set();
    for (const r of this.next) this.send(conn, r);
  }

  /** Whether reads may be sent ahead now (a write transaction that has not written yet). */
  get open(): boolean {
    return this.recording;
  }

  send(conn: SyncConnection, r: AheadRead): void {
    if (!this.recording || this.sent.has(r.key)) return;
    ReadsAhead.sent++;
    this.sent.add(r.key);
    conn.post(r.text, r.values, (_n, answer) => {
      if (!this.recording) return;
      // A piped group of statements comes back in the row form of its last statement (pg's rowMode is
      // per query): put the rows in the form this read asks for. Object rows cannot become array rows
      // when two columns share a name: that read runs again.
      const arrays = answer.rows.length > 0 && Array.isArray(answer.rows[0]);
      if (!r.array) this.kept.set(r.key, arrays ? asObjects(answer) : answer);
      else if (arrays) this.kept.set(r.key, answer);
      else if (new Set(answer.fields).size === answer.fields.length) this.kept.set(r.key, asArrays(answer));
    });
  }

  take(text: string, values: unknown[] | undefined, array: boolean): SyncResult | undefined {
    if (!this.recording || this.sent.size === 0) return undefined;
    const key = aheadKey(text, values, array);
    if (!this.sent.has(key)) return undefined;
    this.sent.delete(key);
    // asked before its answer came back: wait for it (the wait this read would have made anyway)
    if (!this.kept.has(key)) this.settle();
    const r = this.kept.get(key);
    if (r === undefined) return undefined;
    this.kept.delete(key);
    ReadsAhead.hits++;
    this.now.set(key, { key, text, values, array });
    return { ...r, rows: r.rows.slice() };
  }

  saw(text: string, values: unknown[] | undefined, array: boolean, r: SyncResult): void {
    if (!this.recording || r.rows.length > AHEAD_MAX_ROWS || this.now.size >= 4 * AHEAD_MAX) return;
    const key = aheadKey(text, values, array);
    this.now.set(key, { key, text, values, array });
  }

  wrote(): void {
    if (!this.recording) return;
    this.recording = false;
    this.kept.clear();
    this.sent.clear();
  }

  /** A transaction ended: what the last two had in common goes ahead with the next one. */
  end(): void {
    if (this.now.size === 0 && !this.recording && this.before.size === 0) return;
    this.recording = false;
    this.kept.clear();
    this.sent.clear();
    this.next = [...this.now.values()].filter((r) => this.before.has(r.key)).slice(0, AHEAD_MAX);
    this.before = new Set(this.now.keys());
    this.now = new Map();
  }
}

/** Rows answered in array mode, as object mode gives them (a later column of the same name wins, as in pg). */
function asObjects(r: SyncResult): SyncResult {
  return { ...r, rows: r.rows.map((row) => Object.fromEntries(r.fields.map((f, i) => [f, (row as unknown[])[i]]))) };
}

/** Rows of a statement answered in object mode (sent ahead), as array mode gives them (pluck, raw). */
function asArrays(r: SyncResult): SyncResult {
  return { ...r, rows: r.rows.map((row) => r.fields.map((f) => (row as Record<string, unknown>)[f])) };
}

export const readsAheadStats = () => ({ hits: ReadsAhead.hits, sent: ReadsAhead.sent });
