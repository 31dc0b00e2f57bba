// A backup of a 1M-order database (1.1 GB) while orders pour in through the intake thread, in
// process: 10 clients submit orders back to back (as the HTTP handler does), latency per order.
// Baseline: the same ingest without a backup, measured first in the same run on the same copy.
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src-main/core/core';
import { createSku } from '../src-main/core/modules/catalog/actions/skus';
import { putBackupSettings } from '../src-main/core/modules/backup/actions/backup-records';
import { runBackup } from '../src-main/core/modules/backup/run-backup';
import type { OrderInput } from '../src-main/contract/orders';
import { ensureMillionDb } from './million';
import { stats, writeResult, type Target } from './lib';

const SYS = { id: 'system:bench', role: 'admin' } as const;
const CLIENTS = 10;
const BASELINE_S = Number(process.env.BENCH_SECONDS ?? 8);

const dir = mkdtempSync(join(tmpdir(), 'pl-backup-bench-'));
copyFileSync(join(ensureMillionDb({ people: true }), 'packline.db'), join(dir, 'packline.db'));
const core = openCore({ dataDir: dir, intakeThread: true });
// The 1M database was built with plain SQL: order numbers go on after its last one.
core.db.prepare("INSERT OR REPLACE INTO counters (name, value) VALUES ('order_number', 2000000)").run();
core.writes.runNow(() => {
  for (let i = 0; i < 200; i++) createSku(core.ctx, { sku: `BK-${i}`, name: `Bench item ${i}`, barcodes: [], unitWeightG: 100 }, SYS);
  putBackupSettings(core.ctx, { folder: join(dir, 'backups'), everyHours: 0, keep: 2 }, SYS);
});

let n = 0;
const input = (): OrderInput => {
  const i = n++;
  return {
    channel: 'bench', externalId: `BK-${i}`, lines: [{ sku: `BK-${i % 200}`, qty: 1 }], carrier: 'sf',
    shipTo: { name: '张三', phone: '13800138000', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室' },
  };
};

/** Submits orders from CLIENTS loops until `done()`; returns each order's latency (ms). */
async function ingest(done: () => boolean): Promise<number[]> {
  const lat: number[] = [];
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (!done()) {
      const t = performance.now();
      await core.submitOrder(input(), SYS, null);
      lat.push(performance.now() - t);
    }
  }));
  return lat;
}

const until = (ms: number) => {
  const end = performance.now() + ms;
  return () => performance.now() >= end;
};
await ingest(until(1000)); // warm-up
const baseline = stats(await ingest(until(BASELINE_S * 1000)));
const baselineOrders = baseline.n;

let backupDone = false;
const t0 = performance.now();
const backup = runBackup(core, SYS).finally(() => (backupDone = true));
const during = stats(await ingest(() => backupDone));
const file = await backup;
const backupS = Math.round(performance.now() - t0) / 1000;
const bytes = statSync(join(dir, 'backups', file.name)).size;
await core.close();
rmSync(dir, { recursive: true, force: true });

const ratio = Math.round((during.p99_ms / baseline.p99_ms) * 100) / 100;
const targets: Target[] = [
  { what: 'ingest p99 while a 1M-order database is backed up, against its baseline in the same run (ratio)', target: '<= 2', measured: ratio, met: ratio <= 2 },
  { what: 'ingest p50 / p99 without a backup (ms, 10 clients, intake thread)', target: '-', measured: `${baseline.median_ms} / ${baseline.p99_ms} (${Math.round(baselineOrders / BASELINE_S)}/s)`, met: true, info: true },
  { what: 'ingest p50 / p99 during the backup (ms)', target: '-', measured: `${during.median_ms} / ${during.p99_ms} (${Math.round(during.n / backupS)}/s)`, met: true, info: true },
  { what: 'backup of the 1M-order database (s, MiB)', target: '-', measured: `${backupS} s, ${Math.round(bytes / 2 ** 20)} MiB`, met: true, info: true },
];
writeResult('backup', { baseline, during, backup_seconds: backupS, backup_bytes: bytes, targets });
