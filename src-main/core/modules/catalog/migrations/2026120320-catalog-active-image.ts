import type { Migration } from '../../../store/migrate';

// Products can be deactivated (kept for old orders, hidden from lists) and carry an uploaded image
// (a file in the data folder's images/ folder, named here). Mappings are listed per SKU.
const migration: Migration = {
  version: 2026120320,
  name: 'catalog-active-image',
  up(db) {
    db.exec(`
      ALTER TABLE skus ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE skus ADD COLUMN image_file TEXT;
      CREATE INDEX sku_mappings_sku ON sku_mappings(sku_id);
    `);
  },
};
export default migration;
