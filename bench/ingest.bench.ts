// Order ingest over HTTP: validated, idempotent, with stock reservation, at 10 and 100
// connections, beside a bare node:http server measured in the same run.
import autocannon from 'autocannon';
import { join } from 'node:path';
import { benchDir, startServerProcess, writeResult, type Target } from './lib';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

function orderBody(n: number, prefix: string) {
  return JSON.stringify({
    channel: 'bench',
    externalId: `${prefix}-${n}`,
    shipTo: { name: '张三', phone: '13800138000', country: 'CN', province: '广东省', city: '深圳市', district: '南山区', address1: '科技园路1号2栋301室', postcode: '518000' },
    lines: [{ sku: `B-${n % 200}`, qty: 1 + (n % 3) }, ...(n % 2 ? [{ sku: `B-${(n * 7) % 200}`, qty: 1 }] : [])],
    carrier: 'sf',
    total: { amount: 4990, currency: 'CNY' },
  });
}

async function load(url: string, token: string, connections: number, prefix: string) {
  let n = 0;
  const r = await autocannon({
    url: `${url}/api/orders`,
    connections,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const i = n++;
          return {
            ...req,
            body: orderBody(i, prefix),
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `${prefix}-${i}` },
          };
        },
      },
    ],
  });
  return {
    connections,
    requests_per_s: Math.round(r.requests.average),
    total: r.requests.total,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    max_ms: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

const bare = await startServerProcess(join(benchDir, 'servers', 'bare-server.ts'));
const bare10 = await load(bare.info.url!, '', 10, 'bare10');
const bare100 = await load(bare.info.url!, '', 100, 'bare100');
bare.child.kill();

const core = await startServerProcess(join(benchDir, 'servers', 'core-server.ts'));
await load(core.info.url!, core.info.token!, 10, 'warm'); // JIT and page cache warm-up, not recorded
const core10 = await load(core.info.url!, core.info.token!, 10, 'c10');
const core100 = await load(core.info.url!, core.info.token!, 100, 'c100');
core.child.kill();

const ms = (r: { p50_ms: number; p99_ms: number }) => `p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms`;
const targets: Target[] = [
  { what: 'ingest at 10 connections (orders/s)', target: '>= 5000', measured: core10.requests_per_s, met: core10.requests_per_s >= 5000 && core10.non2xx === 0 },
  { what: 'ingest p99 at 10 connections (ms)', target: '<= 15', measured: core10.p99_ms, met: core10.p99_ms <= 15 },
  { what: 'ingest at 10 connections, with the bare node:http server of the same run', target: '-', info: true, met: true,
    measured: `${core10.requests_per_s}/s (${ms(core10)}); bare ${bare10.requests_per_s}/s (${ms(bare10)})` },
  { what: 'ingest at 100 connections, with the bare node:http server of the same run', target: '-', info: true, met: core100.non2xx === 0,
    measured: `${core100.requests_per_s}/s (${ms(core100)}${core100.non2xx ? `, ${core100.non2xx} non-2xx` : ''}); bare ${bare100.requests_per_s}/s (${ms(bare100)})` },
];
writeResult('ingest', {
  duration_s: DURATION_S,
  baseline_bare_node_http: { c10: bare10, c100: bare100 },
  packline_core: { c10: core10, c100: core100 },
  core_vs_bare_at_10: Math.round((core10.requests_per_s / bare10.requests_per_s) * 100) / 100,
  targets,
});
process.exit(0);
