import type { Migration } from '../../../store/migrate';

// Benches existed twice: paired benches (this table) and station names assigned to warehouses
// (locations' warehouse_benches). They are one now: every bench is a row here with the warehouse it
// works in. Each assignment becomes the warehouse of the bench of that id or name (not revoked), or,
// for a station name no bench has, a bench waiting for its pairing code whose id is that name (what
// the unpaired station recorded in its parcels). A bench with no warehouse gets the default one.
const migration: Migration = {
  version: 2026120530,
  name: 'bench-warehouses',
  up(db) {
    const now = new Date().toISOString();
    const fallback = db.prepare('SELECT id FROM warehouses WHERE is_default = 1').pluck().get() as string;
    db.prepare('UPDATE benches SET warehouse_id = ? WHERE warehouse_id IS NULL').run(fallback);
    const assigned = db.prepare('SELECT bench, warehouse_id FROM warehouse_benches ORDER BY bench').all() as { bench: string; warehouse_id: string }[];
    const byId = db.prepare('SELECT id FROM benches WHERE id = ?').pluck();
    const byName = db.prepare('SELECT id FROM benches WHERE lower(name) = lower(?) AND revoked_at IS NULL').pluck();
    const move = db.prepare('UPDATE benches SET warehouse_id = ? WHERE id = ?');
    const add = db.prepare("INSERT INTO benches (id, name, warehouse_id, created_at, created_by) VALUES (?, ?, ?, ?, 'migration')");
    for (const a of assigned) {
      const id = (byId.get(a.bench) ?? byName.get(a.bench)) as string | undefined;
      if (id) move.run(a.warehouse_id, id);
      else add.run(a.bench, a.bench, a.warehouse_id, now);
    }
    db.exec('DROP TABLE warehouse_benches; CREATE INDEX benches_warehouse ON benches (warehouse_id);');
  },
};
export default migration;
