// A 100,000-row WeChat Pay ALL bill imported (sent by curl, another process) and matched against the 1M-order database, over HTTP
// to a core in its own process, while a bench keeps looking orders up (GET /api/lookup/:code every
// 10 ms). Baselines measured in this run: the same lookups on the same core with no import running,
// and (PAYOUTS_BASELINE_TREE=<another checkout, e.g. main>) the whole import on that tree's code, on
// its own copy of the same database, just before. Then the Money screen's reads after the import
// (summary, overdue list) on each. The bill: rows for Taobao orders (one in five of the 1M), 0.6%
// fee, 1% partial refunds, 0.5% rows naming no known order.
// The 1M-order database is caught up as a running shop's would be before the bench starts: every
// order indexed for search, every event in the board's rollups, every order counted into the Money
// screen's days, each by the product's own code (bench/million.ts writes the rows with plain SQL
// and leaves those cursors at 0, so a core opened on it spent the bench catching up on 1M orders:
// the search indexer and the board follower held the loop beside the lookups, which measured the
// catching-up, not the import). Kept in bench/.work, made once (about 30 s).
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { ensureMillionDb, N_ORDERS } from './million';
import { benchDir, startServerProcess, stats, workDir, writeResult } from './lib';
import { openConnection } from '../src-main/core/store/db';
import { systemClock } from '../src-main/lib/clock';
import { ulidIds } from '../src-main/lib/ids';
import { indexNextOrders } from '../src-main/core/modules/orders/store';
import { applyBoardEvents } from '../src-main/core/modules/board/actions/apply-events';
import { countNewOrdersIntoDays } from '../src-main/core/modules/payouts/store';

const ROWS = Number(process.env.BENCH_STATEMENT_ROWS ?? 100_000);
const BASELINE_TREE = process.env.PAYOUTS_BASELINE_TREE;
// BENCH_PROFILE=<dir>: each core (and its threads) writes a CPU profile there, <label>-*.cpuprofile
// (a SIGTERM ends it normally so Node writes them; summarise with bench/profile-summary.ts).
const PROFILE = process.env.BENCH_PROFILE;
// PL_BENCH_STALLS=1: slow look-ups (> 12 ms) on stderr with the wall clock, beside the core's own stalls and GC pauses.
const STALLS = !!process.env.PL_BENCH_STALLS;
const source = join(ensureMillionDb(), 'packline.db');
const work = mkdtempSync(join(tmpdir(), 'pl-bench-payouts-'));
const prepared = join(workDir, 'payouts-caught-up-1.db');
if (!existsSync(prepared)) prepareCaughtUp(source, prepared);

/**
 * The 1M orders with totals (as a shop's orders would have), and the followers caught up: search,
 * board, the Money screen's order days. No migrations run here (plain connection): each tree's core
 * migrates its own copy, so an older tree can still be measured on it.
 */
function prepareCaughtUp(from: string, to: string) {
  const t0 = performance.now();
  const tmp = `${to}.building`;
  copyFileSync(from, tmp);
  const db = openConnection(tmp);
  db.pragma('synchronous = OFF');
  const ctx = { db, clock: systemClock, ids: ulidIds(() => Date.now()) };
  db.transaction(() => {
    db.exec("UPDATE orders SET total_minor = 1990 + (CAST(substr(id, 5) AS INTEGER) % 50) * 100, currency = 'CNY'");
    indexNextOrders(db, Number.MAX_SAFE_INTEGER);
    while (applyBoardEvents(ctx, 10_000) > 0);
    countNewOrdersIntoDays(db, Number.MAX_SAFE_INTEGER);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, to);
  process.stdout.write(`caught the 1M-order database up (search, board, order days) in ${Math.round((performance.now() - t0) / 1000)} s\n`);
}
const totalOf = (i: number) => 1990 + (i % 50) * 100;
const ext = (i: number) => `TB${8800000000 + i * 7}`;
const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

// The bill, as WeChat writes it.
const head = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const lines = [head];
let taobao = 0;
for (let r = 0; lines.length <= ROWS; r++) {
  const i = taobao * 5; // channels go round taobao, jd, pdd, douyin, shopify
  taobao++;
  const total = totalOf(i);
  const fee = Math.round((total * 6) / 1000);
  const no = r % 200 === 199 ? `TBX${r}` : ext(i);
  const cells = (status: string, settle: number, feeFen: number, refund = 0) => [
    '2026-11-30 10:00:00', 'wx2421b1c4370ec43b', '10000100', '0', '1000', `42000000012026113${String(r).padStart(10, '0')}`, no, 'oUpF8uMuAJO', 'JSAPI', status, 'CMC', 'CNY',
    yuan(settle), '0.00', refund ? `5030000001${r}` : '0', refund ? `R${no}` : '0', yuan(refund), '0.00', '', '', '保温杯', '', yuan(feeFen), '0.60%', yuan(settle), yuan(refund), '',
  ].map((c) => '`' + c).join(',');
  lines.push(cells('SUCCESS', total, fee));
  if (r % 100 === 50 && lines.length <= ROWS) lines.push(cells('REFUND', 0, -Math.round(fee / 2), Math.round(total / 2)));
}
lines.push('总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额', `\`${ROWS},\`0.00,\`0.00,\`0.00,\`0.00,\`0.00,\`0.00`);
const bill = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
const billFile = join(work, 'bill.csv');
writeFileSync(billFile, bill);

/**
 * The import sent by another process (curl), as finance's browser sends it from another machine:
 * sent with fetch from this process, the 22 MB body held this process's event loop ~230 ms as the
 * upload began, and the look-ups timed here counted that as the core's.
 */
function uploadInOwnProcess(url: string, token: string): Promise<{ status: number; report: Report }> {
  const out = join(work, `answer-${Date.now()}.json`);
  return new Promise((resolve, reject) => {
    const curl = spawn('curl', ['-sS', '-o', out, '-w', '%{http_code}', '-X', 'POST', '-H', `authorization: Bearer ${token}`, '-H', 'content-type: text/csv',
      '--data-binary', `@${billFile}`, `${url}/api/payouts/statements?source=wechat&channel=taobao&filename=bench.csv`]);
    let code = '';
    curl.stdout.on('data', (d: Buffer) => (code += d.toString()));
    curl.on('error', reject);
    curl.on('exit', (exit) => (exit === 0 ? resolve({ status: Number(code), report: JSON.parse(readFileSync(out, 'utf8')) as Report }) : reject(new Error(`curl exited with ${exit}`))));
  });
}

type Report = { rows: number; added: number; matched: number; partlyMatched: number; unmatched: number; refused: number };

/** Looks orders up every 10 ms until `stop` resolves; returns each request's milliseconds. */
async function lookups(url: string, auth: Record<string, string>, stop: Promise<unknown>): Promise<number[]> {
  let done = false;
  void stop.then(() => (done = true));
  const ms: number[] = [];
  let k = 0;
  while (!done) {
    const code = ext(((k++ * 7919) % (N_ORDERS / 5)) * 5);
    const t = performance.now();
    const r = await fetch(`${url}/api/lookup/${code}`, { headers: auth });
    await r.arrayBuffer();
    ms.push(performance.now() - t);
    if (STALLS && performance.now() - t > 12) process.stderr.write(`slow lookup at ${Math.round(performance.timeOrigin + t)} ${Math.round(performance.now() - t)} ms\n`);
    await new Promise((res) => setTimeout(res, 10));
  }
  return ms;
}

/** Milliseconds of `n` GETs of `path`, one after another. */
async function timeGets(url: string, auth: Record<string, string>, path: string, n: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await fetch(`${url}${path}`, { headers: auth });
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    await r.arrayBuffer();
    ms.push(performance.now() - t);
  }
  return ms;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The whole measurement on one tree's core, on a fresh copy of the prepared database. */
async function measure(tree: string, label: string) {
  const dir = join(work, label);
  mkdirSync(dir);
  copyFileSync(prepared, join(dir, 'packline.db'));
  // On disk before the core starts: a GB copy still being written back throttled the core's first commits (~0.5 s).
  const fd = openSync(join(dir, 'packline.db'), 'r+');
  fsyncSync(fd);
  closeSync(fd);
  const script = join(tree, 'bench', 'servers', 'core-server.ts');
  // tsx hands node's own flags on to the node it starts
  const profiling = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE, label)}`, `--import=${join(benchDir, 'servers', 'exit-on-term.ts')}`] : [];
  const [first, ...rest] = [...profiling, script, dir];
  const server = await startServerProcess(first!, rest, { PL_INTAKE_THREAD: '0' });
  const { url, token } = server.info as { url: string; token: string };
  const auth = { authorization: `Bearer ${token}` };
  const load = { start: round(loadavg()[0]!), end: 0 };
  const baseline = stats(await lookups(url, auth, new Promise((r) => setTimeout(r, 5000))));
  const t0 = performance.now();
  if (STALLS) process.stderr.write(`import starts at ${Date.now()}\n`);
  const importing = uploadInOwnProcess(url, token);
  const [during, done] = await Promise.all([lookups(url, auth, importing), importing]);
  const seconds = (performance.now() - t0) / 1000;
  if (STALLS) process.stderr.write(`import answered at ${Date.now()}\n`);
  const again0 = performance.now();
  const again = (await (await fetch(`${url}/api/payouts/statements?source=wechat&channel=taobao`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: bill })).json()) as { alreadyImported: boolean };
  const againMs = performance.now() - again0;
  // The Money screen's reads once the money is in: the summary per channel, and the overdue list.
  const summary = stats(await timeGets(url, auth, '/api/payouts/summary', 20));
  const overdue = stats(await timeGets(url, auth, '/api/payouts/orders?overdue=true&limit=100', 20));
  load.end = round(loadavg()[0]!);
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return {
    load_1min: load, http_status: done.status, report: done.report, import: { seconds: round(seconds), rows_per_s: Math.round(ROWS / seconds) },
    same_file_again_ms: round(againMs), same_file_again_added_nothing: again.alreadyImported,
    baseline_lookups_no_import: baseline, lookups_during_import: stats(during), money_summary: summary, overdue_list: overdue,
  };
}

const before = BASELINE_TREE ? await measure(BASELINE_TREE, 'before') : undefined;
const now = await measure(join(benchDir, '..'), 'now');
rmSync(work, { recursive: true, force: true });

const d = now.lookups_during_import;
const seconds = now.import.seconds;
writeResult('payouts', {
  // The machine is shared: its 1-minute load beside the figures (2 cores).
  orders: N_ORDERS, statement_rows: ROWS, bytes: bill.length,
  ...now,
  ...(before ? { baseline_tree: { note: `the same measurement on ${BASELINE_TREE} (the code before this change), run just before on its own copy of the same database`, ...before } } : {}),
  targets: [
    { what: `${ROWS.toLocaleString('en')} statement rows imported and matched against 1M orders (s)`, target: '<= 5', measured: seconds, met: seconds <= 5 && now.report.added === ROWS },
    { what: 'bench read (order lookup) p99 during the import (ms)', target: '< 20', measured: d.p99_ms, met: d.p99_ms < 20 },
    { what: 'baseline, same run: lookup p99 with no import (ms)', target: '-', measured: now.baseline_lookups_no_import.p99_ms, met: true, info: true },
    ...(before ? [{ what: 'baseline, same run: the import on the code before (s)', target: '-', measured: before.import.seconds, met: true, info: true }] : []),
    { what: 'Money summary p95 on 1M orders (ms)', target: '-', measured: now.money_summary.p95_ms, met: true, info: true },
    { what: 'overdue list p95 on 1M orders (ms)', target: '-', measured: now.overdue_list.p95_ms, met: true, info: true },
  ],
});
process.exit(0);
