#!/usr/bin/env node
// The one entry behind the README's commands: installs dependencies when they are missing,
// builds what the command needs, then runs it. Only Node built-ins here: it runs before install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}
function must(cmd, args) {
  const status = run(cmd, args);
  if (status !== 0) process.exit(status);
}
const bin = (name) => join(root, 'node_modules', '.bin', name);

/**
 * Installs the dependencies when they are missing. forNode: the command loads better-sqlite3 in
 * Node, so it must be Node's build with our SQLite patch (npm ci's postinstall made it; a rebuild
 * since, e.g. `npm rebuild`, may have replaced it, and the script builds it again). `npm start` runs
 * it in Electron, built for Electron's ABI by @electron/rebuild, which Node cannot load: not checked.
 */
function ensureDeps({ forNode = true } = {}) {
  const installed = existsSync(join(root, 'node_modules', '.package-lock.json'));
  const loads = () => run(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:')"], { stdio: 'ignore' }) === 0;
  if (!installed || (forNode && !loads())) {
    process.stdout.write('Installing dependencies (first run; better-sqlite3 builds from source for a minute or two)...\n');
    must('npm', ['ci', '--no-audit', '--no-fund']);
  }
  if (forNode) must(process.execPath, ['scripts/sqlite-wal-batch.mjs']);
}

// Programs from Debian packages a command needs: the tests drive Chromium, link serial ports with
// socat and rasterise PDFs with poppler; the demo's simulated bench needs socat.
const SYSTEM_NEEDS = {
  // the browser tests' Chromium: tests/e2e/browser.ts reads the same variable; the PostgreSQL set
  // starts a throwaway cluster with Debian's server programs (tests/pg-cluster.ts)
  test: [['/usr/lib/postgresql', 'postgresql'], [process.env.PACKLINE_CHROMIUM ?? '/usr/bin/chromium', 'chromium'], ['socat', 'socat'], ['pdftoppm', 'poppler-utils'], ['pdftotext', 'poppler-utils']],
  demo: [['socat', 'socat']],
};
const onPath = (program) => program.startsWith('/') ? existsSync(program) : run('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }) === 0;

/** Installs the missing Debian packages (as root, with apt), or stops at once with the command to run. */
function ensureSystemPackages(command) {
  const missing = () => [...new Set(SYSTEM_NEEDS[command].filter(([program]) => !onPath(program)).map(([, pkg]) => pkg))];
  let packages = missing();
  if (packages.length === 0) return;
  const canApt = process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get');
  if (canApt) {
    process.stdout.write(`Installing ${packages.join(', ')} with apt (first run)...\n`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env: aptEnv });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env: aptEnv });
    packages = missing();
    if (packages.length === 0) return;
  }
  process.stderr.write(`npm run ${command} needs the Debian package(s) ${packages.join(', ')}. Install them, then run it again:\n  sudo apt-get install -y ${packages.join(' ')}\n`);
  process.exit(1);
}

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// The web UI is served by the core; rebuild it when a renderer or contract file is newer.
function ensureWebBuild() {
  const index = join(root, 'out', 'web', 'index.html');
  const src = Math.max(newestMtime(join(root, 'src-renderer')), newestMtime(join(root, 'src-main', 'contract')));
  if (existsSync(index) && statSync(index).mtimeMs >= src) return;
  must(bin('vite'), ['build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);
}

// Each command: what it needs first, then the process it becomes.
const commands = {
  demo: () => (ensureDeps(), ensureSystemPackages('demo'), ensureWebBuild(), run(bin('tsx'), ['src-main/serve.ts', '--demo', '--data', 'demo-data', '--port', '5170', ...rest])),
  serve: () => (ensureDeps(), ensureWebBuild(), run(bin('tsx'), ['src-main/serve.ts', ...rest])),
  test: () => (ensureDeps(), ensureSystemPackages('test'), ensureWebBuild(), run(process.execPath, ['scripts/test.mjs', ...rest])),
  bench: () => (ensureDeps(), run(bin('tsx'), ['bench/run.ts', ...rest])),
  backup: () => (ensureDeps(), run(bin('tsx'), ['src-main/core/modules/backup/cli.ts', ...rest])),
  'migrate-store': () => (ensureDeps(), run(bin('tsx'), ['src-main/migrate-store.ts', ...rest])),
  electron: () => (ensureDeps({ forNode: false }), run(bin('electron-vite'), ['preview', ...rest])),
};
if (!Object.hasOwn(commands, command)) {
  process.stderr.write(`unknown command "${command}": use ${Object.keys(commands).join(', ')}\n`);
  process.exit(2);
}
process.exit(commands[command]());
