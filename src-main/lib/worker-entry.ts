import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where a worker thread's script is, seen from the module at `from` (its import.meta.url): the
 * built `<name>.js` beside it, or in the source tree (tsx, tests) `<name>-dev.mjs`, a bootstrap
 * that registers the TypeScript loader inside the worker. PACKLINE_WORKER_BUNDLES names a folder of
 * bundled `<name>.mjs` scripts to use instead (the tests make one per run: tests/worker-bundles.ts).
 */
export function workerEntry(from: string, name: string): { url: URL; execArgv: string[] } {
  const js = new URL(`./${name}.js`, from);
  if (existsSync(fileURLToPath(js))) return { url: js, execArgv: process.execArgv };
  const bundles = process.env.PACKLINE_WORKER_BUNDLES;
  if (bundles && existsSync(join(bundles, `${name}.mjs`))) return { url: pathToFileURL(join(bundles, `${name}.mjs`)), execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')) };
  // Profiling flags (--cpu-prof, --cpu-prof-dir=<dir>) pass on, so a profiled core profiles its threads too.
  return { url: new URL(`./${name}-dev.mjs`, from), execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')) };
}
