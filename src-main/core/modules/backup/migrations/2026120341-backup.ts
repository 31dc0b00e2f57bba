import type { Migration } from '../../../store/migrate';
import { PACKLINE_APPLICATION_ID } from '../backup-check';

// Backups: the admin's schedule and the last run, one row. The database file is marked as Packline's
// (SQLite's application_id in the file header), so a restore can tell a Packline backup from any
// other SQLite file.
const sql = /* sql */ `
CREATE TABLE backup_schedule (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  folder TEXT NOT NULL,
  every_hours INTEGER NOT NULL CHECK (every_hours BETWEEN 0 AND 168),
  keep INTEGER NOT NULL CHECK (keep BETWEEN 1 AND 365),
  last_at TEXT, last_file TEXT, last_error TEXT
) STRICT;
PRAGMA application_id = ${PACKLINE_APPLICATION_ID};
`;

export default {
  version: 2026120341,
  name: 'backup',
  up(db) {
    db.exec(sql);
  },
} satisfies Migration;
