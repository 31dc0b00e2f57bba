// Migration 2026120350 (channels): the inbox refuses a second row for one delivery id per connection,
// and the two work queues (pending deliveries, due write-backs) read their partial indexes.
import { describe, it, expect, afterAll } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../src-main/core/database';
import { openConnection } from '../../../src-main/core/store/db';
import { migrate } from '../../../src-main/core/store/migrate';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { tempDir } from '../helpers';
import { DUE_OUTBOX, INBOX_DELAYS, INBOX_STATS, PENDING_INBOX, PLATFORM_ORDER_OF, inboxHas, insertInbox } from '../../../src-main/core/modules/channels/store';

const t = tempDir('packline-channels-schema-');
const db = openDatabase(join(t.dir, 'packline.db'));
afterAll(() => {
  db.close();
  t.cleanup();
});

const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array((sql.match(/\?/g) ?? []).length).fill('x')) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 2026120350-channels', () => {
  it('keeps one inbox row per (connection, delivery id)', () => {
    db.prepare("INSERT INTO channels (id, kind, name, code, secret, created_at, updated_at) VALUES ('chn_1', 'shopify', 'S', 's', 'secretxx', 'now', 'now')").run();
    const add = () => db.prepare("INSERT INTO channel_inbox (id, channel_id, delivery_id, topic, source, headers, body, received_at, state) VALUES (?, 'chn_1', 'wh-1', 'orders/create', 'webhook', '{}', x'7b7d', 'now', 'pending')");
    add().run('dlv_1');
    expect(() => add().run('dlv_2')).toThrow(/UNIQUE/);
  });

  it('reads the pending deliveries and the due write-backs by their partial indexes', () => {
    expect(plan(PENDING_INBOX)).toMatch(/USING INDEX channel_inbox_pending/);
    expect(plan(DUE_OUTBOX)).toMatch(/USING INDEX channel_outbox_due/);
  });
});

describe('migration 2026120765-channel-keys', () => {
  it('finds a platform order by its key and by its Packline order, and upserts on the key', () => {
    expect(plan('SELECT * FROM channel_orders WHERE channel_id = ? AND external_id = ?')).toMatch(/USING PRIMARY KEY \(external_id=\? AND channel_id=\?\)/);
    db.prepare("INSERT INTO channel_orders (channel_id, external_id, updated_at, status) VALUES ('chn_1', '1001', 'a', 'open') ON CONFLICT (channel_id, external_id) DO UPDATE SET status = excluded.status").run();
    db.prepare("INSERT INTO channel_orders (channel_id, external_id, updated_at, status) VALUES ('chn_1', '1001', 'b', 'cancelled') ON CONFLICT (channel_id, external_id) DO UPDATE SET status = excluded.status").run();
    expect(db.prepare("SELECT status FROM channel_orders WHERE external_id = '1001'").pluck().all()).toEqual(['cancelled']);
  });

  it("keeps a shop's platform orders and fills each connection's last delivery from its inbox", () => {
    const old = openConnection(join(t.dir, 'before-keys.db'));
    try {
      migrate(old, MIGRATIONS.filter((m) => m.version < 2026120765));
      old.exec(`INSERT INTO channels (id, kind, name, code, secret, created_at, updated_at) VALUES ('chn_a', 'shopify', 'A', 'a', 'secretxx', 'now', 'now'), ('chn_b', 'shopify', 'B', 'b', 'secretxx', 'now', 'now');
        INSERT INTO channel_orders (channel_id, external_id, updated_at, status, order_id, refund_pending, line_skus) VALUES ('chn_a', '1001', 'u1', 'open', 'ord_1', 1, '{"sku_1":"S-1"}'), ('chn_b', '1001', 'u2', 'cancelled', NULL, 0, NULL);
        INSERT INTO channel_inbox (id, channel_id, delivery_id, topic, source, headers, body, received_at, state) VALUES
          ('dlv_1', 'chn_a', 'w1', 't', 'webhook', '{}', x'7b7d', '2026-12-01T10:00:00.000Z', 'done'), ('dlv_2', 'chn_a', 'w2', 't', 'webhook', '{}', x'7b7d', '2026-12-02T10:00:00.000Z', 'done');`);
      migrate(old, MIGRATIONS);
      expect(old.prepare('SELECT * FROM channel_orders ORDER BY channel_id').all()).toEqual([
        { channel_id: 'chn_a', external_id: '1001', updated_at: 'u1', status: 'open', order_id: 'ord_1', refund_pending: 1, line_skus: '{"sku_1":"S-1"}' },
        { channel_id: 'chn_b', external_id: '1001', updated_at: 'u2', status: 'cancelled', order_id: null, refund_pending: 0, line_skus: null },
      ]);
      expect(old.prepare('SELECT channel_id, received_at FROM channel_last_delivery').all()).toEqual([{ channel_id: 'chn_a', received_at: '2026-12-02T10:00:00.000Z' }]);
    } finally {
      old.close();
    }
  });

  it("reads a connection's health from the received-time index alone, not from its whole inbox", () => {
    expect(plan(INBOX_STATS.replace(/@\w+/g, '?'))).toMatch(/^SEARCH channel_inbox USING COVERING INDEX channel_inbox_received \(received_at>\?\)$/);
    expect(plan(INBOX_DELAYS)).toMatch(/SEARCH channel_inbox USING COVERING INDEX channel_inbox_received \(received_at>\?\)/);
  });
});

describe('migration 2026121010-inbox-order-key', () => {
  it('dedupes a delivery on (order key, connection, delivery id) by the key led by the order id', () => {
    expect(plan('SELECT 1 FROM channel_inbox WHERE order_key = ? AND channel_id = ? AND delivery_id = ?')).toMatch(/USING COVERING INDEX sqlite_autoindex_channel_inbox_\d \(order_key=\? AND channel_id=\? AND delivery_id=\?\)/);
    const row = (id: string) => ({ id, channel_id: 'chn_1', delivery_id: 'wh-key-1', order_key: '1001', topic: 'orders/create', source: 'webhook' as const, headers: '{}', body: Buffer.from('{}'), received_at: 'now', event_at: null, state: 'pending' as const });
    expect(insertInbox(db, row('dlv_k1'))).toBe(true);
    expect(insertInbox(db, row('dlv_k2'))).toBe(false); // the platform's retry: nothing stored
    expect(inboxHas(db, 'chn_1', '1001', 'wh-key-1')).toBe(true);
  });

  it("keeps a shop's inbox, keyed by the order id its processing found ('' for none)", () => {
    const old = openConnection(join(t.dir, 'before-order-key.db'));
    try {
      migrate(old, MIGRATIONS.filter((m) => m.version < 2026121010));
      old.exec(`INSERT INTO channels (id, kind, name, code, secret, created_at, updated_at) VALUES ('chn_a', 'shopify', 'A', 'a', 'secretxx', 'now', 'now');
        INSERT INTO channel_inbox (id, channel_id, delivery_id, topic, source, headers, body, received_at, state, external_id, order_id, delay_ms) VALUES
          ('dlv_1', 'chn_a', 'w1', 't', 'webhook', '{}', x'7b7d', '2026-12-01T10:00:00.000Z', 'done', '1001', 'ord_1', 12),
          ('dlv_2', 'chn_a', 'w2', 't', 'webhook', '{}', x'7b7d', '2026-12-02T10:00:00.000Z', 'failed', NULL, NULL, NULL);`);
      migrate(old, MIGRATIONS);
      expect(old.prepare('SELECT id, delivery_id, order_key, state, external_id, order_id, delay_ms FROM channel_inbox ORDER BY id').all()).toEqual([
        { id: 'dlv_1', delivery_id: 'w1', order_key: '1001', state: 'done', external_id: '1001', order_id: 'ord_1', delay_ms: 12 },
        { id: 'dlv_2', delivery_id: 'w2', order_key: '', state: 'failed', external_id: null, order_id: null, delay_ms: null },
      ]);
      expect(old.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'channel_inbox' AND sql IS NOT NULL ORDER BY name").pluck().all())
        .toEqual(['channel_inbox_failed', 'channel_inbox_pending', 'channel_inbox_received']);
    } finally {
      old.close();
    }
  });
});

describe('migration 2026121011-channel-orders-no-order-index', () => {
  it("finds a Packline order's platform order by keys alone: the order's, the connection's code, channel_orders' own", () => {
    const p = plan(PLATFORM_ORDER_OF);
    expect(p).toMatch(/SEARCH o USING INDEX sqlite_autoindex_orders_1 \(id=\?\)/);
    expect(p).toMatch(/SEARCH c USING (COVERING )?INDEX sqlite_autoindex_channels_2 \(code=\?\)/);
    expect(p).toMatch(/SEARCH co USING PRIMARY KEY \(external_id=\? AND channel_id=\?\)/);
    expect(p).not.toMatch(/SCAN/);
  });
});
