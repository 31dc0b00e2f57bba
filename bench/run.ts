// npm run bench [name...]: runs each bench/<name>.bench.ts in its own process (so one cannot
// warm or starve another), then writes bench/results/SUMMARY.md from the result files.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, type Target } from './lib';

const only = process.argv.slice(2);
const files = readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort();
const chosen = files.filter((f) => only.length === 0 || only.includes(f.replace('.bench.ts', '')));
let failed = 0;
for (const f of chosen) {
  process.stdout.write(`\n== ${f}\n`);
  const r = spawnSync(join(benchDir, '..', 'node_modules', '.bin', 'tsx'), ['--expose-gc', join(benchDir, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}

const lines = ['# Benchmark summary', '', '| bench | what | measured | target | met |', '|---|---|---|---|---|'];
for (const f of files) {
  const p = join(benchDir, 'results', f.replace('.bench.ts', '.json'));
  if (!existsSync(p)) continue;
  const doc = JSON.parse(readFileSync(p, 'utf8')) as { name: string; at: string; targets: Target[] };
  for (const t of doc.targets) lines.push(`| ${doc.name} | ${t.what} | ${t.measured} | ${t.target} | ${t.info ? '-' : t.met ? 'yes' : 'NO'} |`);
}
writeFileSync(join(benchDir, 'results', 'SUMMARY.md'), lines.join('\n') + '\n');
process.stdout.write(`\n${lines.join('\n')}\n`);
process.exit(failed ? 1 : 0);
