// Stock is never oversold: many parallel orders for the last units over real HTTP, within one core
// and across two core processes writing the same SQLite file.
import { describe, it, expect, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { startCore, addSku, orderInput, count, type TestServer } from '../helpers';

let server: TestServer | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.stdin?.end();
  if (child && child.exitCode === null) await new Promise((r) => child!.once('exit', r));
  child = undefined;
  await server?.close();
  server = undefined;
});

function stock(s: TestServer, sku: string) {
  return s.core.db.prepare('SELECT SUM(i.on_hand) onHand, SUM(i.reserved) reserved FROM inventory i JOIN skus k ON k.id = i.sku_id WHERE k.sku = ?').get(sku) as { onHand: number; reserved: number };
}

function reservedByOrders(s: TestServer, sku: string): number {
  return s.core.db.prepare('SELECT COALESCE(SUM(r.qty),0) FROM reservations r JOIN order_lines l ON l.id = r.line_id JOIN skus k ON k.id = l.sku_id WHERE k.sku = ?').pluck().get(sku) as number;
}

describe('no overselling under concurrency', () => {
  it('40 parallel orders for 5 units on hand: exactly 5 are allocated, the rest wait in ready', async () => {
    server = await startCore({ setup: (core) => void addSku(core, 'SKU-LAST', { onHand: 5 }) });
    const s = server;
    const token = await s.tokenFor('lead');
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => s.api('POST', '/api/orders', orderInput({ sku: 'SKU-LAST', qty: 1 }), { Authorization: `Bearer ${token}` })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(201));
    const states = replies.map((r) => r.body.state as string);
    expect(states.filter((x) => x === 'allocated')).toHaveLength(5);
    expect(states.filter((x) => x === 'ready')).toHaveLength(35);
    expect(count(s.core, 'orders', "WHERE state = 'allocated'")).toBe(5);
    expect(stock(s, 'SKU-LAST')).toEqual({ onHand: 5, reserved: 5 });
    expect(reservedByOrders(s, 'SKU-LAST')).toBe(5);

    // the API agrees
    const inv = await s.as('viewer', 'GET', '/api/inventory?q=SKU-LAST');
    expect(inv.body.items[0]).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
  });

  it('two core processes on the same database file together reserve exactly the stock', async () => {
    server = await startCore({ setup: (core) => void addSku(core, 'SKU-TWO', { onHand: 10 }) });
    const s = server;
    const token = await s.tokenFor('lead');
    child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), [join(__dirname, 'fixtures/second-core.ts'), s.file], { stdio: ['pipe', 'pipe', 'inherit'] });
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child!.stdout! }).once('line', resolve);
      child!.once('exit', (code) => reject(new Error(`second core exited with ${code}`)));
    });
    const otherUrl = (JSON.parse(first) as { url: string }).url;

    const post = (base: string) =>
      fetch(`${base}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(orderInput({ sku: 'SKU-TWO', qty: 1 })) })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as { state: string } }));
    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => post(i % 2 ? otherUrl : s.url)));
    expect(replies.map((r) => r.status)).toEqual(Array(60).fill(201));
    expect(replies.filter((r) => r.body.state === 'allocated')).toHaveLength(10);
    expect(count(s.core, 'orders')).toBe(60);
    expect(count(s.core, 'orders', "WHERE state = 'allocated'")).toBe(10);
    expect(stock(s, 'SKU-TWO')).toEqual({ onHand: 10, reserved: 10 });
    expect(reservedByOrders(s, 'SKU-TWO')).toBe(10);
    // both processes handed out order numbers from the one counter: no number twice
    expect(s.core.db.prepare('SELECT COUNT(DISTINCT number) FROM orders').pluck().get()).toBe(60);
  }, 60_000); // a second core process starts under tsx: 27 s of this at load 40
});
