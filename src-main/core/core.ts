import { join } from 'node:path';
import { openDatabase, schemaVersion, type Db } from './store/db';
import { WriteBatcher } from './write-batcher';
import { startCheckpointer } from './store/checkpointer';
import { ChangeFeed } from './change-feed';
import type { CoreContext } from './context';
import { systemClock, type Clock } from '../lib/clock';
import { ulidIds, type IdGenerator } from '../lib/ids';

export interface Core {
  ctx: CoreContext;
  db: Db;
  writes: WriteBatcher;
  feed: ChangeFeed;
  schema: number;
  startedAt: number;
  /** The data folder (database, logs, the shop's label templates); null for a database file alone. */
  dataDir: string | null;
  close(): void;
}

export interface CoreOptions {
  /** Data folder; the database is <dataDir>/packline.db. Or pass `file` (":memory:" in unit tests). */
  dataDir?: string;
  file?: string;
  clock?: Clock;
  ids?: IdGenerator;
}

/** Opens the order core: database (migrated), group-commit writer, change feed. No network. */
export function openCore(opts: CoreOptions): Core {
  const file = opts.file ?? join(opts.dataDir ?? '.', 'packline.db');
  const db = openDatabase(file);
  const clock = opts.clock ?? systemClock;
  const ctx: CoreContext = { db, clock, ids: opts.ids ?? ulidIds(() => clock.now()) };
  const feed = new ChangeFeed(db);
  const writes = new WriteBatcher(db, () => feed.publish());
  const checkpoints = file === ':memory:' ? null : startCheckpointer(db, file);
  return {
    ctx, db, writes, feed, schema: schemaVersion(db), startedAt: Date.now(), dataDir: opts.dataDir ?? (opts.file ? null : '.'),
    close() {
      checkpoints?.stop();
      db.close();
    },
  };
}
