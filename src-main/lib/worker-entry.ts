import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker thread's script is, seen from the module at `from` (its import.meta.url): the
 * built `<name>.js` beside it, or in the source tree (tsx, tests) `<name>-dev.mjs`, a bootstrap
 * that registers the TypeScript loader inside the worker.
 */
export function workerEntry(from: string, name: string): { url: URL; execArgv: string[] } {
  const js = new URL(`./${name}.js`, from);
  if (existsSync(fileURLToPath(js))) return { url: js, execArgv: process.execArgv };
  // Profiling flags (--cpu-prof, --cpu-prof-dir=<dir>) pass on, so a profiled core profiles its threads too.
  return { url: new URL(`./${name}-dev.mjs`, from), execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')) };
}
