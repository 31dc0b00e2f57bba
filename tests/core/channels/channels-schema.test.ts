// Migration 2026120350 (channels): the inbox refuses a second row for one delivery id per connection,
// and the two work queues (pending deliveries, due write-backs) read their partial indexes.
import { describe, it, expect, afterAll } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../src-main/core/database';
import { tempDir } from '../helpers';
import { DUE_OUTBOX, PENDING_INBOX } from '../../../src-main/core/modules/channels/store';

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
