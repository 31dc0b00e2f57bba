import type { Migration } from '../../../store/migrate';
import { WELL_KNOWN_CARRIERS } from '../../../../contract/carriers';

// Carriers become master data: one row per carrier code, with its names in English and Chinese, its
// tracking page, label template, waybill source and services. The well-known carriers are offered
// (inactive until the shop picks them); every code existing orders, waybill ranges, waybills and
// manifests already use gets a row and is active, so every stored carrier string stays a valid code.
const migration: Migration = {
  version: 2026120310,
  name: 'shipping-carriers',
  up(db) {
    db.exec(`
CREATE TABLE carriers (
  code TEXT PRIMARY KEY,
  name_en TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  tracking_url TEXT NOT NULL DEFAULT '',
  label_template TEXT NOT NULL DEFAULT 'shipping-4x6',
  waybill_source TEXT NOT NULL DEFAULT 'range' CHECK (waybill_source IN ('range','account')),
  services TEXT NOT NULL DEFAULT '[]',     -- JSON array of service names
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER carriers_never_deleted BEFORE DELETE ON carriers
  BEGIN SELECT RAISE(ABORT, 'carriers are never deleted (orders name them): deactivate the carrier'); END;`);
    const now = new Date().toISOString();
    const add = db.prepare('INSERT INTO carriers (code, name_en, name_zh, tracking_url, active, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)');
    for (const c of WELL_KNOWN_CARRIERS) add.run(c.code, c.nameEn, c.nameZh, c.trackingUrl, now, now);
    const used = db.prepare(`SELECT carrier FROM orders WHERE carrier IS NOT NULL AND carrier <> ''
      UNION SELECT carrier FROM waybill_ranges UNION SELECT carrier FROM waybills UNION SELECT carrier FROM manifests`).pluck().all() as string[];
    const keep = db.prepare(`INSERT INTO carriers (code, name_en, name_zh, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)
      ON CONFLICT(code) DO UPDATE SET active = 1`);
    for (const code of used) keep.run(code, code.toUpperCase(), code.toUpperCase(), now, now);
  },
};
export default migration;
