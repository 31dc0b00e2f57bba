import type { Migration } from '../../../store/migrate';

// The placeholder SKU of order lines whose channel SKU had no mapping when the order arrived: the
// line keeps the channel's SKU text (order_lines.channel_sku) and points here until a person maps
// it. Inactive (the catalog's lists leave it out) and a code the SKU rules refuse, so no real SKU
// can take it; a placeholder rather than a nullable sku_id keeps every join on order lines whole.
const sql = /* sql */ `
INSERT INTO skus (id, sku, name, created_at, updated_at, active)
VALUES ('sku_unmapped', '(unmapped)', 'Unmapped channel SKU', '2026-12-05T00:00:00.000Z', '2026-12-05T00:00:00.000Z', 0)
ON CONFLICT DO NOTHING;
`;

const m: Migration = { version: 2026120570, name: 'unmapped-sku', up: (db) => db.exec(sql) };
export default m;
