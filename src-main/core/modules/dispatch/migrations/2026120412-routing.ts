import type { Migration } from '../../../store/migrate';

// Routing: which warehouse handles an order. Region rules (province and city lists, first match
// wins), one row of settings (on/off and the warehouses' priority list), and the transfer
// suggestions made when the chosen warehouse is short of an order's stock.
const sql = /* sql */ `
CREATE TABLE routing_rules (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  warehouse_id TEXT NOT NULL REFERENCES warehouses(id),
  provinces TEXT NOT NULL DEFAULT '[]',   -- JSON array of province names without 省/市 (四川, 重庆)
  cities TEXT NOT NULL DEFAULT '[]',      -- JSON array of city names without 市
  active INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE routing_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  enabled INTEGER NOT NULL DEFAULT 1,
  priority TEXT NOT NULL DEFAULT '[]',    -- JSON array of warehouse ids, first tried first
  generation INTEGER NOT NULL DEFAULT 0,  -- +1 on every change of the routing (settings or rules): the router's cache key
  updated_at TEXT NOT NULL
) STRICT;
INSERT INTO routing_settings (id, enabled, priority, updated_at) VALUES (1, 1, '[]', '1970-01-01T00:00:00.000Z');

CREATE TABLE transfer_suggestions (
  order_id TEXT NOT NULL REFERENCES orders(id),
  sku_id TEXT NOT NULL REFERENCES skus(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  from_warehouse_id TEXT,                 -- NULL: no warehouse has it (buy it in)
  to_warehouse_id TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX transfer_suggestions_order ON transfer_suggestions(order_id);
`;

const migration: Migration = {
  version: 2026120412,
  name: 'routing',
  up(db) {
    db.exec(sql);
  },
};
export default migration;
