// Runs every test (unit, integration, end-to-end) with vitest and closes with one plain summary
// line, "N passed, N failed, N skipped", so CI reads the result whatever the reporter prints.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'tests', '.artifacts');
mkdirSync(out, { recursive: true });
// One report per run (the PostgreSQL run's own file), so a run's per-file times can be read afterwards.
function vitest(args, env = process.env, report = join(out, 'vitest.json')) {
  rmSync(report, { force: true }); // an earlier run's report must never be read as this run's
  const r = spawnSync(join(root, 'node_modules', '.bin', 'vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    { cwd: root, stdio: 'inherit', env });
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    return { status: r.status ?? 1, failures: failuresOf(j), passed: j.numPassedTests, failed: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0), skipped: j.numPendingTests + j.numTodoTests };
  } catch {
    return { status: r.status ?? 1, failures: [`${report}: no report`], passed: 0, failed: 1, skipped: 0 }; // no report: vitest failed before running
  }
}

// Each failed test (and each file that failed to run) as one line, "file > test: first line of the
// error", so the end of the output, which is what CI keeps, names what failed.
function failuresOf(j) {
  const lines = [];
  for (const file of j.testResults ?? []) {
    const name = relative(root, file.name);
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed) lines.push(`${name} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (failed.length === 0 && file.status === 'failed') lines.push(`${name}: ${firstLine(file.message)}`);
  }
  return lines;
}
const firstLine = (text) => (text ?? '').split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 300) ?? '';

const args = process.argv.slice(2);
const runs = [vitest(args)];
// The whole suite (no arguments, as CI runs it) also runs the PostgreSQL set: the test files that
// pass with the core on PostgreSQL (tests/postgres-set.json, docs/postgres.md), on a throwaway cluster.
if (args.length === 0 && !process.env.PACKLINE_SKIP_POSTGRES) {
  const { files } = JSON.parse(readFileSync(join(root, 'tests', 'postgres-set.json'), 'utf8'));
  process.stdout.write(`\nThe same behaviour tests on PostgreSQL (${files.length} files)...\n`);
  runs.push(vitest(files, { ...process.env, PACKLINE_TEST_STORE: 'postgres' }, join(out, 'vitest-postgres.json')));
}
const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
const failures = runs.flatMap((r) => r.failures);
if (failures.length > 0) process.stdout.write(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
process.stdout.write(`\n${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped\n`);
process.exit(runs.find((r) => r.status !== 0)?.status ?? 0);
