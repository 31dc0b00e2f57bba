// Finds files under resources/ both in the source tree (tsx, tests) and in a packaged app,
// where Electron's main sets PACKLINE_RESOURCES to process.resourcesPath.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function resourcesRoot(): string {
  if (root) return root;
  const fromEnv = process.env.PACKLINE_RESOURCES;
  if (fromEnv && existsSync(join(fromEnv, 'fonts'))) return (root = fromEnv);
  // Walk up from this file to the folder that holds resources/ (src-main/labels -> repo root).
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'resources', 'fonts'))) return (root = join(dir, 'resources'));
    dir = dirname(dir);
  }
  throw new Error('resources/ folder not found: set PACKLINE_RESOURCES to the folder holding fonts/ and labels/');
}

export const resourcePath = (rel: string): string => join(resourcesRoot(), rel);
