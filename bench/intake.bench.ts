// Imports from the screen, over HTTP to a core in its own process: the same orders as a plain CSV
// (the baseline, measured in this run), as a GBK Taobao-style export (="..." order numbers and one
// address column to split) and as an Excel file, each as a background run polled to its end; then
// the audit log's pages on the events those imports wrote.
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { writeSheet } from '../src-main/lib/spreadsheet';
import { benchDir, startServerProcess, stats, timeEach, writeResult } from './lib';

const N = Number(process.env.BENCH_ORDERS ?? 20_000);
const server = await startServerProcess(join(benchDir, 'servers', 'core-server.ts'));
const { url, token } = server.info as { url: string; token: string };
const auth = { authorization: `Bearer ${token}` };

async function api<T>(method: string, path: string, body?: string | Buffer, type = 'application/json'): Promise<T> {
  const r = await fetch(url + path, { method, headers: { ...auth, 'content-type': type }, body: body as BodyInit | undefined });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

const columns = { externalId: '订单编号', sku: '商家编码', qty: '宝贝总数量', name: '收货人姓名', phone: '联系手机' };
await api('POST', '/api/csv-mappings', JSON.stringify({ name: 'plain', channel: 'plain', columns: { ...columns, city: '市', address1: '详细地址' }, defaults: { country: 'CN' } }));
await api('POST', '/api/csv-mappings', JSON.stringify({ name: 'taobao', channel: 'taobao', columns: { ...columns, fullAddress: '收货地址' }, defaults: { country: 'CN' } }));
await api('POST', '/api/csv-mappings', JSON.stringify({ name: 'excel', channel: 'excel', columns: { ...columns, fullAddress: '收货地址' }, defaults: { country: 'CN' } }));

const plain = ['订单编号,商家编码,宝贝总数量,收货人姓名,联系手机,市,详细地址'];
const taobao = ['订单编号,商家编码,宝贝总数量,收货人姓名,联系手机,收货地址'];
const excelRows: string[][] = [];
for (let n = 0; n < N; n++) {
  plain.push(`P${n},B-${n % 200},1,王五,13700137000,杭州市,文三路${n}号`);
  taobao.push(`="31${String(n).padStart(14, '0')}",B-${n % 200},1,王五,13700137000,浙江省 杭州市 西湖区 文三路${n}号(310012)`);
  excelRows.push([`X${n}`, `B-${n % 200}`, '1', '王五', '13700137000', `浙江省 杭州市 西湖区 文三路${n}号(310012)`]);
}
const files = {
  plain: Buffer.from(plain.join('\r\n'), 'utf8'),
  taobao: iconv.encode(taobao.join('\r\n'), 'gbk'),
  excel: await writeSheet('xlsx', taobao[0]!.split(','), excelRows),
};

/** Starts a run and polls it to its end as the screen does (every 300 ms); seconds and the report. */
async function run(mapping: keyof typeof files, filename: string = mapping) {
  const t0 = performance.now();
  const started = await api<{ id: string }>('POST', `/api/imports?mapping=${mapping}&filename=${filename}`, files[mapping], 'text/csv');
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const r = await api<{ state: string; report: { created: number; failed: number } | null; error: string | null }>('GET', `/api/imports/${started.id}`);
    if (r.state !== 'running') {
      if (!r.report || r.report.created !== N) throw new Error(`${mapping}: ${r.error ?? JSON.stringify(r.report)}`);
      return Math.round((performance.now() - t0) / 10) / 100;
    }
  }
}

// A first file warms the core (JIT, the worker thread's code) so the baseline is not the slowest by that alone.
files.plain = Buffer.from(plain.join('\r\n').replace(/^P/gm, 'W'), 'utf8');
await run('plain', 'warm-up');
files.plain = Buffer.from(plain.join('\r\n'), 'utf8');
const seconds = { plain: await run('plain'), taobao: await run('taobao'), excel: await run('excel') };
process.stdout.write(`imports: ${JSON.stringify(seconds)} s\n`);

// The audit log over the events these imports wrote (an order.created each): newest page, a
// person's page, one kind's page (rare: scanned back from the newest).
const people = await api<{ items: { id: string }[] }>('GET', '/api/audit/people');
const audit = {
  newest: stats(await timeEach(50, () => api('GET', '/api/audit?limit=100'), 5)),
  byPerson: stats(await timeEach(50, () => api('GET', `/api/audit?limit=100&actor=${people.items[0]!.id}`), 5)),
  rareKind: stats(await timeEach(20, () => api('GET', '/api/audit?limit=100&kind=import.finished'), 3)),
};
server.child.kill();

const ratio = (x: number) => Math.round((x / seconds.plain) * 100) / 100;
writeResult('intake', {
  orders: N,
  seconds,
  audit,
  targets: [
    { what: `GBK Taobao export of ${N} orders vs plain CSV in the same run (x)`, target: '<= 1.5', measured: ratio(seconds.taobao), met: ratio(seconds.taobao) <= 1.5 },
    { what: `Excel file of ${N} orders vs plain CSV in the same run (x)`, target: '<= 3', measured: ratio(seconds.excel), met: ratio(seconds.excel) <= 3 },
    { what: `plain CSV of ${N} orders, background run polled (s)`, target: '-', measured: seconds.plain, met: true, info: true },
    { what: 'audit log newest page p95 (ms)', target: '<= 50', measured: audit.newest.p95_ms, met: audit.newest.p95_ms <= 50 },
    { what: 'audit log by person (the one who imported) p95 (ms)', target: '<= 50', measured: audit.byPerson.p95_ms, met: audit.byPerson.p95_ms <= 50 },
    { what: `audit log, a kind with 3 events among the ~${N * 4} the imports wrote, p95 (ms)`, target: '-', measured: audit.rareKind.p95_ms, met: true, info: true },
  ],
});
process.exit(0);
