import type { Migration } from '../../../store/migrate';

// The alerts' "channel deliveries failed" metric counts the inbox's failed rows at every evaluation:
// without an index of its own that read every entry of channel_inbox_received (the only index with
// the state in it), 12-41 ms on 300,000 deliveries and growing with the inbox. A partial index holds
// the failed rows alone (a handful), so a delivery that is done adds nothing to it.
const m: Migration = {
  version: 2026120800,
  name: 'inbox-failed',
  up: (db) => db.exec("CREATE INDEX channel_inbox_failed ON channel_inbox(channel_id) WHERE state = 'failed'"),
};
export default m;
