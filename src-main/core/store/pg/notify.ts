// The change feed across core processes sharing one PostgreSQL database: after each commit a core
// NOTIFYs the channel; every core LISTENs on a connection of its own and publishes what is new in
// the events table to its subscribers (benches), whichever process wrote it.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { logger } from '../../../lib/log';
import { PgDatabase, reusingPgConnections } from './pg-database';
import type { Db } from '../db';

const log = logger('core.pg-notify');

const CHANNEL = 'packline_events';

export interface CommitSignal {
  /** Tell the other core processes that events were committed (call after a commit). */
  committed(): void;
  stop(): void;
}

interface Listener { listener: PgDatabase; port: MessagePort }
/** Listeners of stopped cores kept for the next core on the same URL (reusePgConnections: the tests). */
const idle = new Map<string, Listener[]>();

function listen(url: string): Listener {
  const kept = reusingPgConnections() ? idle.get(url)?.pop() : undefined;
  if (kept) return kept;
  const { port1, port2 } = new MessageChannel();
  const listener = new PgDatabase(url, { notify: port2 });
  listener.exec(`LISTEN ${CHANNEL}`);
  return { listener, port: port1 };
}

export function listenForCommits(url: string, db: Db, onCommit: () => void): CommitSignal {
  const kept = listen(url);
  const { listener, port: port1 } = kept;
  port1.on('message', onCommit);
  port1.unref(); // after on(): adding a message listener refs the port again
  const pg = db as unknown as PgDatabase;
  return {
    // After a commit, outside any job, once per commit (not per event): sent without waiting (it
    // goes with the next statement when the connection is busy). A NOTIFY that fails (the
    // connection ending as the core closes) must not throw out of the writer's turn. The other
    // cores hear of the next commit.
    committed: () => {
      try {
        pg.postQuietly(`NOTIFY ${CHANNEL}`);
      } catch (e) {
        log.warn({ err: e }, 'could not tell the other cores of a commit');
      }
    },
    stop() {
      port1.off('message', onCommit);
      if (reusingPgConnections()) {
        idle.set(url, [...(idle.get(url) ?? []), kept]);
        return;
      }
      port1.close();
      listener.close();
    },
  };
}
