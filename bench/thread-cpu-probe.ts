// Where the core's CPU goes under ingest, by thread: a core process (bench/servers/core-server.ts,
// PL_BENCH_RULES=N for rules) takes wrk's POST /api/orders load at 10 connections for a few seconds
// while /proc is read per thread before and after; prints each thread's share of one CPU, its µs of
// CPU per order and its µs per order spent runnable but waiting for a CPU (schedstat), and wrk's CPU.
// Found with it: each of the event loop and the intake thread ~50-60% busy at 4,000 orders/s, each
// waiting 25-110 µs per order for a CPU (2 CPUs shared with wrk, the checkpointer and GC threads).
// npx tsx bench/thread-cpu-probe.ts [seconds=6] [rules=50] [tree=.]   PROFILE=<dir>: a .cpuprofile per thread.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServerProcess, threadTimes } from './lib';

const SECONDS = Number(process.argv[2] ?? 6);
const RULES = process.argv[3] ?? '50';
const TREE = resolve(process.argv[4] ?? '.');
/** PROFILE=<dir>: every thread of the core writes a .cpuprofile there (bench/profile-summary.ts). */
const server = await startServerProcess(join(TREE, 'bench', 'servers', 'core-server.ts'), [], RULES === '0' ? {} : { PL_BENCH_RULES: RULES }, process.env.PROFILE);
const { url, token } = server.info as { url: string; token: string };
async function wrk(seconds: number, prefix: string, watch?: (pid: number) => void) {
  const child = spawn('wrk', ['-t1', '-c10', `-d${seconds}s`, '--timeout', '10s', '-s', join(TREE, 'bench', 'load', 'orders.lua'), url], { env: { ...process.env, TOKEN: token, PREFIX: prefix } });
  watch?.(child.pid!);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  await new Promise((r) => child.on('close', r));
  return JSON.parse(out.trim().split('\n').pop()!) as { requests: number; seconds: number; p99_us: number };
}
/**
 * The machine's speed just now: µs of CPU for a fixed piece of work (SHA-256 over 4 MB) in this
 * process. The same code's rounds here differ by up to 2x from one minute to the next (205 and 381 µs
 * of server CPU per order); a round's figure beside this one tells the machine's swing from the code's.
 */
function machineSpeed(): number {
  const data = Buffer.alloc(4 << 20, 7);
  const start = process.cpuUsage();
  for (let i = 0; i < 4; i++) createHash('sha256').update(data).digest();
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 4);
}
/** The kernel's speed just now: µs for 4,000 writes of a 4 KB page into a file (as a commit writes WAL frames). */
function kernelSpeed(): number {
  const file = join(tmpdir(), `pl-probe-${process.pid}`);
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(4096, 1);
  const start = performance.now();
  for (let i = 0; i < 4000; i++) writeSync(fd, page, 0, 4096, (i % 1000) * 4096);
  const us = Math.round((performance.now() - start) * 1000);
  closeSync(fd);
  rmSync(file);
  return us;
}
await wrk(4, 'warm');
for (let round = 0; round < 2; round++) {
  const speed = machineSpeed();
  const kernel = kernelSpeed();
  const before = threadTimes(server.child.pid!, true);
  let wrkPid = 0;
  let wrkCpu = 0;
  const w = await wrk(SECONDS, `r${round}`, (pid) => {
    wrkPid = pid;
    // wrk's CPU, read just before it exits (its /proc entry is gone after)
    const t = setInterval(() => { try { const f = readFileSync(`/proc/${wrkPid}/stat`, 'utf8'); const s = f.slice(f.lastIndexOf(')') + 2).split(' '); wrkCpu = (Number(s[11]) + Number(s[12])) / 100; } catch { clearInterval(t); } }, 50);
  });
  const after = threadTimes(server.child.pid!, true);
  console.log(`round ${round}: ${Math.round(w.requests / w.seconds)} orders/s, p99 ${(w.p99_us / 1000).toFixed(1)} ms, load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}, machine: SHA-256 of 4 MB in ${speed} µs before / ${machineSpeed()} µs after, 4,000 page writes in ${kernel} / ${kernelSpeed()} µs`);
  const rows = [...after].map(([k, v]) => [k, v.cpu - (before.get(k)?.cpu ?? 0), v.wait - (before.get(k)?.wait ?? 0)] as const).filter(([, d]) => d > 0).sort((a, b) => b[1] - a[1]);
  const us = (seconds: number) => String(Math.round((seconds / w.requests) * 1e6)).padStart(5);
  for (const [k, cpu, wait] of [...rows, ['wrk', wrkCpu, null] as const]) console.log(`  ${String(Math.round((cpu / w.seconds) * 100)).padStart(4)}% of a CPU  ${us(cpu)} µs/order  ${wait === null ? '     ' : us(wait)} µs/order waiting for a CPU  ${k}`);
}
await new Promise((r) => (server.child.once("exit", r), server.child.kill("SIGTERM")));
