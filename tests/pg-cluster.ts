// A throwaway PostgreSQL cluster for a test run: initdb in a temp folder, a free port on
// 127.0.0.1, stopped and removed after. Debian's postgresql (15) is installed by the test command
// when missing (scripts/run.mjs). initdb refuses to run as root, so as root the cluster belongs to
// the `postgres` user that Debian's package creates.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  /** postgres://...@127.0.0.1:port/ : add a database name. */
  base: string;
  url(database: string): string;
  /** The cluster's data folder (its server log is beside it: `../log`). */
  dataDir: string;
  /** The postmaster's process id, the parent of all PostgreSQL's processes (a new one after a restart). */
  postmasterPid(): number;
  stop(): void;
}

/** Where Debian puts the server programs (the newest version installed). */
export function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error('PostgreSQL server programs not found under /usr/lib/postgresql: apt-get install -y postgresql');
  return join(root, versions[0]!, 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * `durable`: PostgreSQL's defaults, fsync on and every commit on disk before it is acknowledged
 * (synchronous_commit on: an order the core has answered for is never lost, also when PostgreSQL or
 * the machine crashes), as benchmarks measure; tests run with fsync and synchronous_commit off.
 */
export async function startCluster(opts: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'packline-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const as = (program: string, args: string[]) => asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { stdio: 'pipe' })
    : execFileSync(join(bin, program), args, { stdio: 'pipe' });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  as('initdb', ['-D', data, '-U', 'packline', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  // A test cluster: durability off (fsync) for speed; the sockets in the temp folder, TCP on loopback only.
  const serverOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${opts.durable ? '' : '-c fsync=off -c full_page_writes=off -c synchronous_commit=off '}-c max_connections=300`;
  as('pg_ctl', ['-D', data, '-o', serverOpts, '-l', join(dir, 'log'), '-w', 'start']);
  const base = `postgres://packline@127.0.0.1:${port}/`;
  return {
    base,
    url: (database) => base + database,
    dataDir: data,
    postmasterPid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop() {
      try { as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* already gone */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
