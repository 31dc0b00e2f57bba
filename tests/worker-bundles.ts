// vitest globalSetup: every worker thread's script bundled once for the run (esbuild, packages left
// to node_modules), as the built app runs them. Started from source, each thread compiled its module
// graph again with tsx: 1.5-3 s of CPU per thread on these 2 CPUs, and nearly every test core starts
// one (the order intake thread) or more (a rule change's re-evaluation, imports, labels).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The workers: each `<name>-dev.mjs` bootstrap in src-main has its `<name>.ts` beside it. */
function workerSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return workerSources(p);
    return e.name.endsWith('-dev.mjs') ? [p.replace(/-dev\.mjs$/, '.ts')] : [];
  });
}

export default async function setup() {
  // Inside the checkout, so the bundles resolve its node_modules and find resources/ above them.
  const out = join(root, 'tests', '.artifacts', 'workers');
  rmSync(out, { recursive: true, force: true });
  const entryPoints = workerSources(join(root, 'src-main'));
  await build({ entryPoints, outdir: out, outExtension: { '.js': '.mjs' }, entryNames: '[name]', bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'warning' });
  process.env.PACKLINE_WORKER_BUNDLES = out;
  process.stdout.write(`worker threads bundled: ${entryPoints.map((p) => relative(root, p)).join(', ')}\n`);
}
