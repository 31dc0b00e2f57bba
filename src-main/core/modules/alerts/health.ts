// The health of the system for the admin's panel: the core thread's event-loop delay and request
// and error rate (the HTTP server's load meter), database and WAL size, disk free, live change
// streams, labels waiting for a carrier's waybill number, the alert outbox, and the channel and
// carrier peers' success over 24 h.
import { statSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Core } from '../../core';
import type { SystemHealth } from '../../../contract/alerts';
import { loadMeter } from '../../http/load-meter';
import { isPostgresUrl } from '../../store/db';
import { carrierRates, channelRates, databaseBytes, labelsWaiting, outboxCounts } from './store';

const fileBytes = (f: string) => {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
};

export function systemHealth(core: Core): SystemHealth {
  const meter = loadMeter(core);
  const file = core.db.name;
  // on PostgreSQL the database's disk is the server's; this is the data folder's (logs, labels)
  const onServer = isPostgresUrl(file);
  let diskFreeBytes: number | null = null;
  try {
    const s = statfsSync(file === ':memory:' ? '.' : onServer ? (core.dataDir ?? '.') : dirname(file));
    diskFreeBytes = s.bavail * s.bsize;
  } catch {
    // not every file system answers
  }
  const since = new Date(core.ctx.clock.now() - 86_400_000).toISOString();
  const rate = (r: { name: string; tried: number; ok: number }) => ({ ...r, rate: r.tried ? r.ok / r.tried : null });
  return {
    at: core.ctx.clock.iso(),
    eventLoop: meter.eventLoop(),
    requests: meter.perMinute(),
    database: { bytes: databaseBytes(core.db), walBytes: file === ':memory:' || onServer ? 0 : fileBytes(`${file}-wal`) },
    diskFreeBytes,
    feedSubscribers: core.feed.subscriberCount,
    labelsWaiting: labelsWaiting(core.db),
    alertOutbox: outboxCounts(core.db),
    channels: channelRates(core.db, since).map(rate),
    carriers: carrierRates(core.db, since).map(rate),
  };
}
