// Does alert work move the API's read latency? A demo shop (seeded orders), the real HTTP server,
// order reads (GET /api/orders/:id) one after another, in rounds taken in turn in the same run:
// without alerts, and with the alert runner evaluating 40 thresholds every 100 ms (600x the
// default minute) and sending their grouped messages (1-minute windows) to a local WeCom robot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/core';
import { createHttpServer } from '../src-main/core/http/server';
import { seedDemo, DEMO_USERS } from '../src-main/core/demo/seed';
import { startAlerts } from '../src-main/core/modules/alerts/flows';
import { createNotifyChannel, createThreshold } from '../src-main/core/modules/alerts/actions/settings';
import { ThresholdInput } from '../src-main/contract/alerts';
import { startRobotPeer } from '../src-main/demo/robot-peer';
import { prep } from '../src-main/core/store/db';
import { stats, writeResult } from './lib';

const ORDERS = 5000;
const PER_ROUND = 1500;
const dir = mkdtempSync(join(tmpdir(), 'pl-bench-alerts-'));
const core = openCore({ dataDir: dir });
seedDemo(core, { skus: 100, orders: ORDERS });
const http = createHttpServer(core, { port: 0 });
const { url } = await http.listen();
const lead = DEMO_USERS.find((u) => u.role === 'lead')!;
const token = ((await (await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ badge: lead.badge }) })).json()) as { token: string }).token;
const ids = prep(core.db, 'SELECT id FROM orders ORDER BY id').pluck().all() as string[];

const robot = await startRobotPeer();
const actor = { id: 'system:bench', role: 'admin' };
core.writes.runNow(() => {
  createNotifyChannel(core.ctx, { kind: 'wecom', name: 'bench robot', url: robot.wecomUrl, secret: '', alerts: true, brief: false }, actor);
  const metrics = ['exceptions.open', 'orders.past_ship_by', 'inventory.below_safety', 'tracking.stalls', 'payouts.open_differences', 'channels.dead_write_backs', 'channels.failed_deliveries'];
  for (let i = 0; i < 40; i++) createThreshold(core.ctx, ThresholdInput.parse({ metric: metrics[i % metrics.length], op: 'above', value: -1 - i, windowMinutes: 1, todo: `bench threshold ${i}` }), actor);
});

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
async function round(): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < PER_ROUND; i++) {
    const id = ids[Math.floor(rnd() * ids.length)]!;
    const t = performance.now();
    const r = await fetch(`${url}/api/orders/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    out.push(performance.now() - t);
  }
  return out;
}

await round(); // warm-up
const without: number[] = [];
const withAlerts: number[] = [];
let evaluations = 0;
for (let r = 0; r < 3; r++) {
  without.push(...(await round()));
  const runner = startAlerts(core, { tickMs: 100, evaluateMs: 100, retryBaseMs: 1000 });
  const t0 = performance.now();
  const before = robot.received.length;
  withAlerts.push(...(await round()));
  runner.stop();
  evaluations += Math.round((performance.now() - t0) / 100);
  process.stdout.write(`round ${r + 1}: ${robot.received.length - before} messages delivered while reading\n`);
}
// one evaluation of the 40 thresholds, alone
const runner = startAlerts(core, { tickMs: 3_600_000, evaluateMs: 3_600_000 });
runner.stop();
const evalMs: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await runner.evaluate();
  evalMs.push(performance.now() - t);
}
const a = stats(without);
const b = stats(withAlerts);
await http.close();
await robot.close();
await core.close();
rmSync(dir, { recursive: true, force: true });

writeResult('alerts', {
  orders: ORDERS, thresholds: 40, readsPerMode: without.length, evaluationsDuringReads: evaluations, messagesDelivered: robot.received.length,
  reads_without_alerts: a, reads_with_alerts: b, one_evaluation_of_40_thresholds: stats(evalMs),
  targets: [
    { what: 'order read p99 with alert evaluation + delivery vs without (ms, same run)', target: `<= ${(a.p99_ms + 2).toFixed(2)} (baseline ${a.p99_ms} + 2)`, measured: b.p99_ms, met: b.p99_ms <= a.p99_ms + 2 },
    { what: 'one evaluation of 40 thresholds, p99 (ms)', target: '-', measured: stats(evalMs).p99_ms, met: true, info: true },
  ],
});
