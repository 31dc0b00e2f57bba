// The packing bench's core calls over real HTTP on the demo shop: how long a bench waits for the
// core to confirm a parcel (start + label), and how soon a cancel reaches a bench that follows the
// change feed (cancel request sent -> the order.cancel event parsed by an SSE client).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { openCore } from '../src-main/core/core';
import { createHttpServer } from '../src-main/core/http/server';
import { seedDemo } from '../src-main/core/demo/seed';
import { stats, writeResult } from './lib';

const dir = mkdtempSync(join(tmpdir(), 'packline-bench-pack-'));
const core = openCore({ dataDir: dir });
seedDemo(core, { skus: 300, orders: 3000 });
const http = createHttpServer(core, { port: 0 });
const { url } = await http.listen();

async function api(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const operator = (await api('POST', '/api/session', null, { badge: 'OP-1001' })).token as string;
const lead = (await api('POST', '/api/session', null, { badge: 'LD-2001' })).token as string;

// A bench following the feed: resolves waiters when an event for their order and type arrives.
const waiting = new Map<string, (t: number) => void>();
await new Promise<void>((resolve) => {
  const u = new URL('/api/events', url);
  request({ host: u.hostname, port: u.port, path: u.pathname, headers: { Authorization: `Bearer ${operator}` } }, (res) => {
    res.setEncoding('utf8');
    let buf = '';
    res.once('data', () => resolve());
    res.on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const data = buf.slice(0, i).split('\n').find((l) => l.startsWith('data: '));
        buf = buf.slice(i + 2);
        if (!data) continue;
        const e = JSON.parse(data.slice(6)) as { type: string; entityId: string; data: { to?: string } | null };
        const w = waiting.get(`${e.entityId}|${e.type}`);
        if (w && e.data?.to) w(performance.now());
      }
    });
  }).end();
});

// Orders whose reserved units are all on the shelf (the demo reserves some against inbound stock).
const allocated = core.db.prepare(`SELECT o.id FROM orders o WHERE o.state = 'allocated' AND NOT EXISTS (
  SELECT 1 FROM reservations r JOIN order_lines l ON l.id = r.line_id JOIN inventory i ON i.sku_id = l.sku_id AND i.location_id = r.location_id
  WHERE l.order_id = o.id AND i.on_hand < r.qty) ORDER BY o.id`).pluck().all() as string[];
const N = Math.min(200, Math.floor(allocated.length / 2));
const packMs: number[] = [];
const cancelMs: number[] = [];
let k = 0;
for (let i = 0; i < N; i++) {
  // Label one order completely: start, then one parcel with everything at the expected weight.
  const id = allocated[2 * i]!;
  const t0 = performance.now();
  const t = await api('POST', `/api/orders/${id}/pack/start`, operator, { bench: 'BENCH-1' });
  const box = t.suggestedBox ? t.boxTypes.find((b: { id: string }) => b.id === t.suggestedBox.id) : t.boxTypes[0];
  const grams = box.tareG + t.lines.reduce((g: number, l: { unitWeightG: number | null; qty: number }) => g + (l.unitWeightG ?? 150) * l.qty, 0);
  await api('POST', `/api/orders/${id}/parcels`, operator, {
    bench: 'BENCH-1', expectedVersion: t.order.version, boxTypeId: box.id, items: t.lines.map((l: { skuId: string; qty: number }) => ({ skuId: l.skuId, qty: l.qty })), measuredG: grams, final: true,
  }, { 'Idempotency-Key': `bench-${++k}` });
  packMs.push(performance.now() - t0);

  // Cancel another order at the office and time it until the bench has the event.
  const other = allocated[2 * i + 1]!;
  const seen = new Promise<number>((resolve) => waiting.set(`${other}|order.cancel`, resolve));
  const c0 = performance.now();
  await api('POST', `/api/orders/${other}/actions/cancel`, lead, { reason: 'bench: customer cancelled' });
  cancelMs.push((await seen) - c0);
  waiting.delete(`${other}|order.cancel`);
}
await http.close();
await core.close();
rmSync(dir, { recursive: true, force: true });

const pack = stats(packMs);
const cancel = stats(cancelMs);
writeResult('packing', {
  orders: N,
  load_average_1m: loadavg()[0],
  start_and_label_one_parcel: pack,
  cancel_to_bench_event: cancel,
  targets: [
    { what: 'cancel reaches a bench on the change feed, p99 (ms, from sending the cancel)', target: '<= 100', measured: cancel.p99_ms, met: cancel.p99_ms <= 100 },
    { what: 'pack/start + label a parcel over HTTP, p99 (ms)', target: '<= 100', measured: pack.p99_ms, met: pack.p99_ms <= 100 },
  ],
});
