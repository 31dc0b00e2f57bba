// Built-in templates and sample data are JSON files under resources/labels; a shop copies one into
// its own templates folder (<data>/labels), changes it, and it is validated the same way.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { AppError } from '../lib/errors';
import { LabelData, type LabelDataInput } from '../contract/labels';
import { Template } from './model';
import { resourcePath } from './resources';

let builtIn: Map<string, Template> | undefined;

/** Parses and validates one template document; errors name the file and the bad field. */
export function parseTemplate(json: unknown, source: string): Template {
  const r = Template.safeParse(json);
  if (!r.success) {
    throw new AppError('validation', `label template ${source} is not valid: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return r.data;
}

/**
 * Reads and validates one template file; errors name the file (as `shown`) and what is wrong, but
 * never quote the file's bytes (the parser's message does: "Unexpected token 'r', "root:x:0:0"...").
 */
export function readTemplateFile(file: string, shown = file): Template {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const at = /at position (\d+)/.exec((e as Error).message);
    throw new AppError('validation', `label template ${shown} is not JSON${at ? ` (at character ${at[1]})` : ''}`);
  }
  return parseTemplate(json, shown);
}

/** A shop template file bigger than this is left out (a template is a few kB). */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

/**
 * The real path of a shop file when it is a regular file inside the shop's folder; a link that
 * leads out of the folder (or to a device, a folder, a huge file) is refused before it is read.
 */
function shopFilePath(shopDir: string, name: string): string {
  const root = realpathSync(shopDir);
  const real = realpathSync(join(shopDir, name));
  if (!real.startsWith(root + sep)) throw new AppError('validation', `label template ${name} links to a file outside the templates folder; copy the file in instead`);
  const st = statSync(real);
  if (!st.isFile()) throw new AppError('validation', `label template ${name} is not a file`);
  if (st.size > MAX_TEMPLATE_BYTES) throw new AppError('validation', `label template ${name} is ${st.size} bytes; a template is at most ${MAX_TEMPLATE_BYTES}`);
  return real;
}

const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** Loads every *.json template in a folder (built-ins: resources/labels); the first bad file throws. */
export function loadTemplateDir(dir: string): Map<string, Template> {
  const out = new Map<string, Template>();
  for (const f of jsonFiles(dir)) {
    const t = readTemplateFile(join(dir, f));
    if (out.has(t.name)) throw new AppError('conflict', `two label templates are named "${t.name}" in ${dir}`);
    out.set(t.name, t);
  }
  return out;
}

function builtIns(): Map<string, Template> {
  builtIn ??= loadTemplateDir(resourcePath('labels'));
  return builtIn;
}

/** Names of the built-in templates, sorted. */
export function templateNames(): string[] {
  return [...builtIns().keys()];
}

export function listTemplates(): Template[] {
  return [...builtIns().values()];
}

export type TemplateSource = 'built-in' | 'shop';
export interface CatalogEntry { template: Template; source: TemplateSource; /** the shop's file name */ file?: string }
/** The templates a shop sees, and the shop files that were left out with the reason. */
export interface TemplateCatalog { entries: Map<string, CatalogEntry>; problems: { file: string; message: string }[] }

// Parsed shop files by path; a file is read again when its size or modification time changes, so
// an edited template shows up on the next preview without a restart.
const shopFileCache = new Map<string, { stamp: string; template: Template }>();

/**
 * Built-in templates, then the shop's own folder (<data>/labels): a shop file replaces the
 * built-in of the same name or adds a new template. A bad shop file is left out and reported
 * (one broken copy must not take every label down), as is a sample data set that does not exist.
 */
export function templateCatalog(shopDir?: string | null): TemplateCatalog {
  const entries = new Map<string, CatalogEntry>();
  for (const t of listTemplates()) entries.set(t.name, { template: t, source: 'built-in' });
  const problems: TemplateCatalog['problems'] = [];
  if (!shopDir || !existsSync(shopDir)) return { entries, problems };
  const seen = new Map<string, string>();
  for (const f of jsonFiles(shopDir)) {
    // Names relative to the shop's folder only: the list is shown to every role.
    try {
      const file = shopFilePath(shopDir, f);
      const st = statSync(file);
      const stamp = `${st.size}:${st.mtimeMs}`;
      let hit = shopFileCache.get(file);
      if (hit?.stamp !== stamp) shopFileCache.set(file, (hit = { stamp, template: readTemplateFile(file, f) }));
      const t = hit.template;
      if (seen.has(t.name)) throw new AppError('conflict', `label template ${f} is named "${t.name}" like ${seen.get(t.name)}; rename one`);
      if (!sampleNames().includes(t.sample)) throw new AppError('validation', `label template ${f}: sample "${t.sample}" does not exist; use one of ${sampleNames().join(', ')}`);
      seen.set(t.name, f);
      entries.set(t.name, { template: t, source: 'shop', file: f });
    } catch (e) {
      // A file system error names the absolute path: say only what kind of error it was.
      const message = e instanceof AppError ? e.message : `label template ${f} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
      problems.push({ file: f, message });
    }
  }
  return { entries, problems };
}

/** A template by name from the shop's folder or the built-ins; an unknown name lists the known ones. */
export function findTemplate(name: string, shopDir?: string | null): CatalogEntry {
  const { entries } = templateCatalog(shopDir);
  const hit = entries.get(name);
  if (!hit) throw new AppError('not_found', `unknown label template "${name}"; known templates: ${[...entries.keys()].sort().join(', ')}`);
  return hit;
}

let sampleNameList: string[] | undefined;
/** Names of the sample data sets a template may use for its preview (resources/labels/samples). */
export function sampleNames(): string[] {
  return (sampleNameList ??= jsonFiles(resourcePath(join('labels', 'samples'))).map((f) => f.replace(/\.json$/, '')));
}

/** A built-in template by name; an unknown name is an error that lists the known ones. */
export function getTemplate(name: string): Template {
  const t = builtIns().get(name);
  if (!t) throw new AppError('not_found', `unknown label template "${name}"; known templates: ${templateNames().join(', ')}`);
  return t;
}

const samples = new Map<string, LabelDataInput>();

/** Demo data for previews (resources/labels/samples/<name>.json). */
export function sampleData(name: string): LabelDataInput {
  let s = samples.get(name);
  if (!s) {
    const file = resourcePath(join('labels', 'samples', `${name}.json`));
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new AppError('not_found', `sample label data "${name}" cannot be read (${file}): ${(e as Error).message}`);
    }
    const r = LabelData.safeParse(json);
    if (!r.success) throw new AppError('validation', `sample label data ${file} is not valid: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    s = json as LabelDataInput;
    samples.set(name, s);
  }
  return structuredClone(s);
}
