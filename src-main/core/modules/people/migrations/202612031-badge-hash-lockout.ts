import type { Migration } from '../../../store/migrate';
import { badgeHash } from '../credentials';

// Badge codes are credentials: the column keeps only their SHA-256 from now on (existing codes are
// hashed in place, here in JS: SQLite has no sha256). Wrong PINs are counted per user and a badge
// locks after a few, until a lead unlocks it.
const migration: Migration = {
  version: 202612031,
  name: 'people-badge-hash-lockout',
  up(db) {
    db.exec('ALTER TABLE users RENAME COLUMN badge TO badge_hash');
    db.exec('ALTER TABLE users ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0');
    db.exec('ALTER TABLE users ADD COLUMN locked_at TEXT');
    const rows = db.prepare('SELECT id, badge_hash AS code FROM users').all() as { id: string; code: string }[];
    const update = db.prepare('UPDATE users SET badge_hash = ? WHERE id = ?');
    for (const r of rows) update.run(badgeHash(r.code), r.id);
  },
};
export default migration;
