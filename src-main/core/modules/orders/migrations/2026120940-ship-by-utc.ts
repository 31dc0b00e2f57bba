import type { Migration } from '../../../store/migrate';
import { utcIso } from '../../../../lib/clock';

// Ship-by times are compared and sorted as text (the Orders list's late filter, the wave pool, the
// orders_ship_by index), which only works when every value is in one form. Orders used to keep the
// offset they came with ('...T18:00:00+08:00' sorted after '...T12:00:00Z', though it is earlier);
// new ones are stored as UTC (createOrders), and this puts the older ones in the same form.
const migration: Migration = {
  version: 2026120940,
  name: 'ship-by-utc',
  up(db) {
    const rows = db.prepare("SELECT id, ship_by FROM orders WHERE ship_by IS NOT NULL AND ship_by NOT LIKE '%Z'").all() as { id: string; ship_by: string }[];
    const update = db.prepare('UPDATE orders SET ship_by = ? WHERE id = ?');
    for (const r of rows) {
      const utc = utcIso(r.ship_by);
      if (utc) update.run(utc, r.id);
    }
  },
};
export default migration;
