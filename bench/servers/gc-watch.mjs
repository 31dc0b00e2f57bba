// Preloaded into a bench server (node --import): the event loop's young-generation collections
// between two SIGUSR2 signals. At the second it prints one JSON line on stdout: how many scavenges,
// their pauses, and how much the old space grew per scavenge (what they promoted, which a full
// collection must later sweep). Worker threads are not watched.
import { isMainThread } from 'node:worker_threads';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';

if (isMainThread) {
  const oldSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
  let watching = false;
  let pauses = [];
  let grown = 0;
  let majors = 0;
  let last = 0;
  new PerformanceObserver((list) => {
    if (!watching) return;
    for (const e of list.getEntries()) {
      const now = oldSpace();
      if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        pauses.push(e.duration);
        if (now > last) grown += now - last;
      } else majors++;
      last = now;
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => {
    if (!watching) {
      watching = true;
      pauses = [];
      grown = 0;
      majors = 0;
      last = oldSpace();
      return;
    }
    watching = false;
    const sorted = [...pauses].sort((a, b) => a - b);
    const avg = pauses.reduce((a, b) => a + b, 0) / (pauses.length || 1);
    process.stdout.write(JSON.stringify({ gc: { scavenges: pauses.length, avgMs: avg, maxMs: sorted.at(-1) ?? 0, oldGrownKBPerScavenge: grown / 1024 / (pauses.length || 1), majors } }) + '\n');
  });
}
