// Shared by every benchmark: percentiles, timing and writing bench/results/<name>.json.
import { writeFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const workDir = join(benchDir, '.work');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function stats(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: s.length,
    median_ms: round(percentile(s, 50)),
    p95_ms: round(percentile(s, 95)),
    p99_ms: round(percentile(s, 99)),
    max_ms: round(s[s.length - 1] ?? NaN),
  };
}

/** Times fn n times (after warmup runs) and returns per-call milliseconds. */
export async function timeEach(n: number, fn: (i: number) => unknown, warmup = Math.min(50, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

export interface Target {
  what: string;
  target: string;
  measured: number | string;
  met: boolean;
  /** A figure reported beside the targets (no target of its own): SUMMARY shows "-" for met. */
  info?: boolean;
}

/** Writes bench/results/<name>.json and prints a one-screen summary. */
export function writeResult(name: string, result: { targets: Target[]; [k: string]: unknown }): void {
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  const doc = {
    name,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    ...result,
  };
  writeFileSync(join(benchDir, 'results', `${name}.json`), JSON.stringify(doc, null, 2) + '\n');
  for (const t of result.targets) {
    process.stdout.write(`${t.info ? 'INFO' : t.met ? 'MET ' : 'MISS'}  ${name}: ${t.what}: ${t.measured}${t.info ? '' : ` (target ${t.target})`}\n`);
  }
}

/** Starts a bench server script in its own process and waits for its JSON line on stdout. */
export async function startServerProcess(script: string, args: string[] = [], env: Record<string, string> = {}, profileDir?: string): Promise<{ info: Record<string, string>; child: import('node:child_process').ChildProcess }> {
  const { spawn } = await import('node:child_process');
  // profileDir: node itself with --cpu-prof (tsx's launcher would not pass the flag on); the script
  // must end on SIGTERM with process.exit (core-server.ts does) so Node writes a profile per thread.
  const [cmd, pre] = profileDir ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', 'tsx']] : [join(benchDir, '..', 'node_modules', '.bin', 'tsx'), []];
  const child = spawn(cmd, [...pre, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const info = await new Promise<Record<string, string>>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)));
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { info, child };
}

/**
 * CPU seconds a process, its living descendants (tsx runs the script in a child node) and the
 * children it has reaped (PostgreSQL's exited backends and autovacuum workers) have used so far.
 */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let s = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100; // utime, stime, cutime, cstime in 1/100 s
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    for (const k of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) {
      try {
        s += cpuSeconds(Number(k));
      } catch {
        // exited meanwhile: in our cutime once reaped
      }
    }
  }
  return s;
}

/**
 * Per thread of process `pid` (and, with `descendants`, of every process under it): CPU seconds so
 * far, and seconds spent runnable but waiting for a CPU (schedstat), keyed "tid name".
 */
export function threadTimes(pid: number | 'self' = 'self', descendants = false, out = new Map<string, { cpu: number; wait: number }>()): Map<string, { cpu: number; wait: number }> {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // the process ended meanwhile
  }
  for (const t of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const wait = Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
      out.set(`${t} ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`, { cpu: (Number(f[11]) + Number(f[12])) / 100, wait });
      if (descendants) for (const k of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) threadTimes(Number(k), true, out);
    } catch {
      // the thread or process ended meanwhile
    }
  }
  return out;
}

export interface WrkResult { requests: number; seconds: number; non2xx: number; errors: number; p50_us: number; p99_us: number; max_us: number }

/** wrk (C, its own process: it takes far less of the shared CPU than a JavaScript client) with a bench/load script: one thread, keep-alive connections. */
export async function runWrk(script: string, url: string, connections: number, seconds: number, env: Record<string, string>): Promise<WrkResult> {
  const { spawn } = await import('node:child_process');
  const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', join(benchDir, 'load', script), url], { env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`wrk failed: ${err || out}`);
  return JSON.parse(line) as WrkResult;
}

/**
 * Waits until the board and the search index of every core (its data folder) have caught up with
 * what was written; returns the wait (ms). A core catching up after a round (a board job every
 * 20 ms for ~20 s) takes CPU from the core measured next: the cores of a bench share the 2 CPUs
 * here, where a shop runs one. Close it when the bench ends.
 */
export async function followersCaughtUp(dirs: string[]): Promise<{ wait(): Promise<number>; close(): void }> {
  const { default: Database } = await import('better-sqlite3');
  const readers = dirs.map((d) => new Database(join(d, 'packline.db'), { readonly: true }));
  const behind = readers.map((db) => db.prepare(`SELECT (SELECT coalesce(max(id), 0) FROM events) - (SELECT event_id FROM board_cursor WHERE id = 1)
    + (SELECT coalesce(max(rowid), 0) FROM orders) - (SELECT indexed_upto FROM order_search_progress)`).pluck());
  return {
    async wait() {
      const t0 = performance.now();
      while (behind.some((q) => (q.get() as number) > 0) && performance.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 100));
      return Math.round(performance.now() - t0);
    },
    close: () => readers.forEach((db) => db.close()),
  };
}
