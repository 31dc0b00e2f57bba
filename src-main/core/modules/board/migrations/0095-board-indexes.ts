import type { Migration } from '../../../store/migrate';

// The lead's board counts today's parcels per bench on every refresh: by creation time, so it
// reads today's rows only, however many parcels the shop has labelled before.
const migration: Migration = {
  version: 95,
  name: 'board-indexes',
  up(db) {
    db.exec('CREATE INDEX parcels_created ON parcels(created_at, bench)');
  },
};
export default migration;
