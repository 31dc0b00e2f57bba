import type { Migration } from '../../../store/migrate';

// Import runs: a file imported from the screen is read and written in the background; its row
// keeps who started it, its progress at the end and its report, which a lead downloads later.
const migration: Migration = {
  version: 2026120330,
  name: 'import-runs',
  up(db) {
    db.exec(`CREATE TABLE import_runs (
      id TEXT PRIMARY KEY,
      filename TEXT NOT NULL,
      mapping TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
      total INTEGER NOT NULL DEFAULT 0,
      done INTEGER NOT NULL DEFAULT 0,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      actor TEXT NOT NULL,
      report TEXT,
      error TEXT
    ) STRICT`);
    db.exec('CREATE INDEX import_runs_started ON import_runs(started_at)');
  },
};
export default migration;
