// 100,000 orders in: through the bulk endpoint (10 requests of 10,000) and as one CSV file with a
// saved column mapping, over HTTP to a core in its own process.
import { join } from 'node:path';
import { benchDir, startServerProcess, writeResult } from './lib';

const N = Number(process.env.BENCH_ORDERS ?? 100_000);
const server = await startServerProcess(join(benchDir, 'servers', 'core-server.ts'));
const { url, token } = server.info as { url: string; token: string };
const auth = { authorization: `Bearer ${token}` };

const order = (n: number, prefix: string) => ({
  channel: 'bulk', externalId: `${prefix}${n}`,
  shipTo: { name: '李四', phone: '13900139000', country: 'CN', province: '浙江省', city: '杭州市', address1: '文三路100号' },
  lines: [{ sku: `B-${n % 200}`, qty: 1 }],
});

let t0 = performance.now();
let created = 0;
for (let start = 0; start < N; start += 10_000) {
  const body = JSON.stringify({ orders: Array.from({ length: 10_000 }, (_, i) => order(start + i, 'K')) });
  const r = await fetch(`${url}/api/orders/bulk`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
  const j = (await r.json()) as { created: number };
  created += j.created;
  process.stdout.write(`bulk ${start + 10_000}: ${Math.round(performance.now() - t0)} ms\n`);
}
const bulkS = (performance.now() - t0) / 1000;

await fetch(`${url}/api/csv-mappings`, {
  method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'bench', channel: 'csv', columns: { externalId: '订单编号', sku: '商家编码', qty: '数量', name: '收货人', phone: '手机', city: '城市', address1: '地址' }, defaults: { country: 'CN' } }),
});
const rows = ['订单编号,商家编码,数量,收货人,手机,城市,地址'];
for (let n = 0; n < N; n++) rows.push(`C${n},B-${n % 200},1,王五,13700137000,深圳市,科技园路${n}号`);
const csv = rows.join('\n');
t0 = performance.now();
const r = await fetch(`${url}/api/imports/csv?mapping=bench`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: csv });
const report = (await r.json()) as { created: number; failed: number };
const csvS = (performance.now() - t0) / 1000;
server.child.kill();

const round = (x: number) => Math.round(x * 100) / 100;
writeResult('import', {
  orders: N,
  bulk: { seconds: round(bulkS), created, per_s: Math.round(created / bulkS) },
  csv: { seconds: round(csvS), bytes: Buffer.byteLength(csv), created: report.created, failed: report.failed, per_s: Math.round(report.created / csvS) },
  targets: [
    { what: 'bulk import of 100,000 orders (s)', target: '<= 10', measured: round(bulkS), met: bulkS <= 10 && created === N },
    { what: 'CSV import of 100,000 orders (s)', target: '<= 10', measured: round(csvS), met: csvS <= 10 && report.created === N },
  ],
});
process.exit(0);
