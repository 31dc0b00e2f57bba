// The whole app (`src-main/serve.ts`) in a child process on a data folder, for the kill -9 tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(__dirname, '..', '..');

/** Starts serve.ts; resolves with its URL (and on a first start the admin badge it prints). `running` collects children to kill after the test. */
export async function serveApp(dataDir: string, firstStart: boolean, running: ChildProcess[]): Promise<{ child: ChildProcess; url: string; badge: string | null }> {
  // As `npm run serve` runs: its worker threads from source too (the run's bundles are for speed).
  const env = { ...process.env };
  delete env.PACKLINE_WORKER_BUNDLES;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main', 'serve.ts'), '--port', '0', '--data', dataDir], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  running.push(child);
  let url = '';
  let badge: string | null = null;
  for await (const line of createInterface({ input: child.stdout! })) {
    const b = /admin badge code is (\S+?)\./.exec(line);
    if (b) badge = b[1]!;
    const u = /Packline ready on (http:\/\/\S+)/.exec(line);
    if (u) url = u[1]!;
    if (url && (badge || !firstStart)) break;
  }
  if (!url) throw new Error('serve did not start');
  return { child, url, badge };
}
