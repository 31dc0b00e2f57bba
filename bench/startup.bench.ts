// Core start-up with 1M orders: from process spawn to "ready" (the production entry, the same
// one Electron's utility process runs), and its resident memory. Baseline: a bare `node -e` start.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureMillionDb } from './million';
import { benchDir, stats, writeResult } from './lib';

const root = join(benchDir, '..');
const entry = join(root, 'out', 'main', 'core-process.js');
// Always rebuild: a stale bundle would measure old code.
spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
const dir = ensureMillionDb();

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function startOnce(): Promise<{ readyMs: number; rssMb: number; rssAfterMb: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [entry, '--data', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /"url":"([^"]+)"/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (c) => reject(new Error(`core exited ${c}`)));
  });
  const readyMs = performance.now() - t0;
  const rss = rssMb(child.pid!);
  // Some real work: health and a few hundred lookups, then memory again.
  for (let i = 0; i < 300; i++) await fetch(`${url}/api/health`);
  const rssAfter = rssMb(child.pid!);
  child.kill();
  await new Promise((r) => child.once('exit', r));
  return { readyMs, rssMb: rss, rssAfterMb: rssAfter };
}

function bareNode(): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t0;
}

const runs = [];
for (let i = 0; i < 5; i++) runs.push(await startOnce());
const bare = Array.from({ length: 5 }, bareNode);
const ready = stats(runs.map((r) => r.readyMs));
const maxRss = Math.max(...runs.map((r) => Math.max(r.rssMb, r.rssAfterMb)));
writeResult('startup', {
  orders: 1_000_000,
  entry: 'out/main/core-process.js (node)',
  spawn_to_ready: ready,
  baseline_bare_node_start: stats(bare),
  rss_mb: runs.map((r) => ({ at_ready: Math.round(r.rssMb), after_300_requests: Math.round(r.rssAfterMb) })),
  targets: [
    { what: 'core ready after start with 1M orders (median ms)', target: '<= 1000', measured: ready.median_ms, met: ready.median_ms <= 1000 },
    { what: 'core RSS with 1M orders (MB, max)', target: '<= 250', measured: Math.round(maxRss), met: maxRss <= 250 },
  ],
});
