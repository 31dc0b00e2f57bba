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
  // Not the tsx loader flags (the bundle needs none; the bootstrap registers it itself), but profiling
  // flags (--cpu-prof, --cpu-prof-dir=<dir>) pass on, so a profiled core profiles its threads too.
  const execArgv = process.execArgv.filter((a) => a.startsWith('--cpu-prof'));
  const bundle = process.env.PACKLINE_WORKER_BUNDLES && join(process.env.PACKLINE_WORKER_BUNDLES, `${name}.mjs`);
  if (bundle && existsSync(bundle)) return { url: pathToFileURL(bundle), execArgv };
  return { url: new URL(`./${name}-dev.mjs`, from), execArgv };
}
