// Built-in templates and sample data are JSON files under resources/labels; a shop copies one into
// its own templates folder, changes it, and it is validated the same way.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../lib/errors';
import { LabelData } from './fields';
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

/** Loads every *.json template in a folder (built-ins: resources/labels). */
export function loadTemplateDir(dir: string): Map<string, Template> {
  const out = new Map<string, Template>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, f);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new AppError('validation', `label template ${file} is not JSON: ${(e as Error).message}`);
    }
    const t = parseTemplate(json, file);
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

/** A built-in template by name; an unknown name is an error that lists the known ones. */
export function getTemplate(name: string): Template {
  const t = builtIns().get(name);
  if (!t) throw new AppError('not_found', `unknown label template "${name}"; known templates: ${templateNames().join(', ')}`);
  return t;
}

const samples = new Map<string, LabelData>();

/** Demo data for previews (resources/labels/samples/<name>.json). */
export function sampleData(name: string): LabelData {
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
    s = json as LabelData;
    samples.set(name, s);
  }
  return structuredClone(s);
}
