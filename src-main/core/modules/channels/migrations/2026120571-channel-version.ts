import type { Migration } from '../../../store/migrate';

// A connection's version, raised by every change of it: the inbox's processing (on the intake
// thread too, which never sees the core's cache being dropped) keeps its connections cached while
// the channels' count and versions are what it read, instead of reading them again per chunk.
const m: Migration = { version: 2026120571, name: 'channel-version', up: (db) => db.exec('ALTER TABLE channels ADD COLUMN version INTEGER NOT NULL DEFAULT 0') };
export default m;
