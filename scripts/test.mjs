// Runs every test (unit, integration, end-to-end) with vitest and closes with one plain summary
// line, "N passed, N failed, N skipped", so CI reads the result whatever the reporter prints.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'tests', '.artifacts');
mkdirSync(out, { recursive: true });
const report = join(out, 'vitest.json');
const r = spawnSync(join(root, 'node_modules', '.bin', 'vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' });
let summary = null;
try {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  summary = { passed: j.numPassedTests, failed: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0), skipped: j.numPendingTests + j.numTodoTests };
} catch { /* no report: vitest failed before running */ }
if (summary) process.stdout.write(`\n${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`);
process.exit(r.status ?? 1);
