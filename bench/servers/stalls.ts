// What held a bench core's event loop up (PL_BENCH_STALLS=1 in core-server.ts), on stderr:
// - as it happens: each loop stall over 10 ms and each GC pause over 3 ms, stamped with the wall
//   clock (to set beside a bench's slow requests) and a stall also with a CPU profile's clock (µs);
// - when the bench stops the core (SIGTERM): GCs (how many, their total and longest, how many over
//   8 ms) and the seconds whose loop delay went over 8 ms.
// Found this way: the payouts import's 70-95 ms body join; webhooks' 5-17 ms scavenges, 4 a second.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export function traceStalls(): void {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 10) process.stderr.write(`stall at ${Date.now()} ${Math.round(now - last - 2)} ms hr ${process.hrtime.bigint() / 1000n}\n`);
    last = now;
  }, 2).unref();
  const gc = { n: 0, ms: 0, max: 0, over8: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      Object.assign(gc, { n: gc.n + 1, ms: gc.ms + e.duration, max: Math.max(gc.max, e.duration), over8: gc.over8 + (e.duration > 8 ? 1 : 0) });
      if (e.duration > 3) process.stderr.write(`gc at ${Math.round(performance.timeOrigin + e.startTime)} ${Math.round(e.duration)} ms kind ${(e as unknown as { detail?: { kind: number } }).detail?.kind}\n`);
    }
  }).observe({ entryTypes: ['gc'] });
  const delay = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  const seconds: string[] = [];
  setInterval(() => {
    if (delay.max > 8e6) seconds.push(`p99 ${(delay.percentile(99) / 1e6).toFixed(1)} max ${(delay.max / 1e6).toFixed(1)}`);
    delay.reset();
  }, 1000).unref();
  const report = () => {
    process.stderr.write(`core-server ${process.pid} stalls: gc ${gc.n} (${gc.ms.toFixed(0)} ms, longest ${gc.max.toFixed(1)} ms, ${gc.over8} over 8 ms); seconds with a loop delay over 8 ms: ${seconds.length} [${seconds.join('; ')}]\n`);
    // A listener keeps SIGTERM from ending the process: end it here unless another listener does.
    if (process.listenerCount('SIGTERM') === 0) process.exit(0);
  };
  process.once('SIGTERM', report);
}
