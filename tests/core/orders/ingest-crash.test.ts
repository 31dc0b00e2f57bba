// kill -9 of the whole app (`npm run serve`) while orders pour in through the intake thread: every
// order the API acknowledged is there after a restart, and sending every order again with its
// Idempotency-Key creates none twice and reserves no stock twice.
import { describe, it, expect, afterAll } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir, orderInput, sleep } from '../helpers';
import { serveApp } from '../serve-app';

const data = tempDir('packline-ingest-crash-');
const running: ChildProcess[] = [];
afterAll(() => {
  for (const c of running) c.kill('SIGKILL');
  data.cleanup();
});

const serve = (firstStart: boolean) => serveApp(data.dir, firstStart, running);

describe('ingest across a kill -9', () => {
  it('keeps every acknowledged order and creates none twice when all are sent again', async () => {
    let app = await serve(true);
    const login = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge: app.badge }) });
    const { token } = (await login.json()) as { token: string };
    const post = (url: string, path: string, body: unknown, key?: string) => fetch(`${url}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) }, body: JSON.stringify(body),
    });
    expect((await post(app.url, '/api/skus', { sku: 'CRASH-1', name: 'Crash test tea', unitWeightG: 100, location: 'A-01-01-1' })).status).toBe(201);
    expect((await post(app.url, '/api/inventory/adjustments', { sku: 'CRASH-1', location: 'A-01-01-1', onHandDelta: 100_000, reason: 'opening stock' })).status).toBeLessThan(300);

    // 8 clients post orders one after another until the app is gone; it is killed once 150 were
    // acknowledged (each client's last order was in flight then, or sent to a dying app)
    const sent: { key: string; body: ReturnType<typeof orderInput> }[] = [];
    const acked = new Map<string, string>(); // key -> order id
    let killed = false;
    const client = async (c: number) => {
      for (let i = 0; ; i++) {
        const entry = { key: `crash-${c}-${i}`, body: orderInput({ sku: 'CRASH-1', qty: 1 + (i % 3), channel: 'crash' }) };
        sent.push(entry);
        try {
          const r = await post(app.url, '/api/orders', entry.body, entry.key);
          if (r.status === 201) acked.set(entry.key, ((await r.json()) as { id: string }).id);
        } catch {
          return; // the connection died with the app
        }
        if (acked.size >= 150 && !killed) {
          killed = true;
          app.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
    await new Promise((r) => (app.child.exitCode !== null || app.child.signalCode ? r(null) : app.child.once('exit', r)));
    expect(acked.size).toBeGreaterThanOrEqual(150);
    expect(sent.length).toBeGreaterThanOrEqual(acked.size + 8); // each client's last one got no answer

    app = await serve(false);
    // every acknowledged order is there, as it was answered
    for (const [key, id] of acked) {
      const r = await fetch(`${app.url}/api/orders/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(r.status, key).toBe(200);
    }
    // every order sent again with its key: an acknowledged one is replayed with the same id
    for (const { key, body } of sent) {
      const r = await post(app.url, '/api/orders', body, key);
      expect(r.status, key).toBe(201);
      const id = ((await r.json()) as { id: string }).id;
      if (acked.has(key)) {
        expect(id, key).toBe(acked.get(key));
        expect(r.headers.get('idempotent-replayed'), key).toBe('true');
      }
    }
    app.child.kill('SIGTERM');
    await new Promise((r) => app.child.once('exit', r));
    await sleep(50);

    // one order per key, and the stock reserved is exactly what those orders hold
    const db = new Database(join(data.dir, 'packline.db'), { readonly: true });
    try {
      const orders = db.prepare("SELECT COUNT(*) FROM orders WHERE channel = 'crash'").pluck().get() as number;
      const qty = db.prepare("SELECT COALESCE(SUM(l.qty), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.channel = 'crash'").pluck().get() as number;
      const reserved = db.prepare('SELECT reserved FROM inventory i JOIN skus s ON s.id = i.sku_id WHERE s.sku = ?').pluck().get('CRASH-1') as number;
      expect(orders).toBe(sent.length);
      expect(reserved).toBe(qty);
    } finally {
      db.close();
    }
  }, 120_000);
});
