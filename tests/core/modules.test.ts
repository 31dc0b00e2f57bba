// The core's layout holds (DESIGN.md "Layout"): every route has one module's handler, SQL text lives
// only in a module's store.ts (and the shared store machinery and migrations), a store writes only
// its own module's tables, every table has an owner, and new migrations use date versions.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { routes } from '../../src-main/contract/api';
import { MODULES, MIGRATIONS, TABLE_OWNERS, handlers } from '../../src-main/core/modules';
import { openDatabase } from '../../src-main/core/database';

const root = join(__dirname, '..', '..');
const core = join(root, 'src-main', 'core');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(ts|mts)$/.test(n) ? [p] : [];
  });
}
/** Source without comments, so prose that mentions a statement is not taken for SQL. */
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const SQL = /\b(SELECT\s+(DISTINCT\s+)?[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO\s|REPLACE\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX|TRIGGER|UNIQUE|VIRTUAL)\s|PRAGMA\s+\w|BEGIN\s+IMMEDIATE|SAVEPOINT\s)/;
// An upsert's "DO UPDATE SET" writes the table of its INSERT, already counted.
const WRITES = /\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|DELETE\s+FROM)\s+(\w+)|\bUPDATE\s+(?!SET\b)(\w+)\s+SET\b/g;

const rel = (p: string) => relative(root, p).split(sep).join('/');
const isStore = (p: string) => /^src-main\/core\/modules\/[\w-]+\/store\.ts$/.test(rel(p));
const isMigration = (p: string) => /\/migrations\//.test(rel(p));
const isSharedStore = (p: string) => /^src-main\/core\/store\/(pg\/)?[\w-]+\.ts$/.test(rel(p)); // pg/: the PostgreSQL adapter

describe('core modules', () => {
  it('give every route of the contract exactly one handler, from the module whose contract declares it', () => {
    const served = new Set(['events', 'openapi', 'health']);
    const owner = new Map<string, string>();
    for (const m of MODULES) {
      for (const name of Object.keys(m.routes)) {
        expect(owner.get(name), `route ${name} is in ${owner.get(name)} and ${m.name}`).toBeUndefined();
        owner.set(name, m.name);
        expect(Object.keys(m.handlers)).toContain(name);
      }
      expect(Object.keys(m.handlers).sort()).toEqual(Object.keys(m.routes).sort());
    }
    for (const name of Object.keys(routes)) {
      if (served.has(name)) continue;
      expect(owner.get(name), `route ${name} has no module`).toBeDefined();
      expect(typeof (handlers as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('keep SQL text in store.ts files, the shared store machinery and migrations only', () => {
    const offenders = filesUnder(join(root, 'src-main'))
      .filter((p) => !isStore(p) && !isMigration(p) && !isSharedStore(p))
      .filter((p) => SQL.test(code(p)))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it("let each store.ts write only its own module's tables (the shared store only its own)", () => {
    const wrong: string[] = [];
    for (const p of filesUnder(core).filter((f) => isStore(f) || isSharedStore(f))) {
      const mod = isStore(p) ? rel(p).split('/')[3]! : 'store';
      for (const m of code(p).matchAll(WRITES)) {
        const table = (m[1] ?? m[2])!;
        if (TABLE_OWNERS.get(table) !== mod) wrong.push(`${rel(p)} writes ${table} (owned by ${TABLE_OWNERS.get(table) ?? 'nobody'})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('give every table an owning module', () => {
    const db = openDatabase(':memory:');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    db.close();
    expect(tables.filter((t) => !TABLE_OWNERS.has(t))).toEqual([]);
  });

  it('number new migrations by date (YYYYMMDDn, or YYYYMMDDnn in a block of ten) so parallel branches never collide; shipped ones keep theirs', () => {
    for (const m of MIGRATIONS) {
      if (m.version <= 95) continue;
      const s = String(m.version);
      expect(s, `migration ${m.name}`).toMatch(/^20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{1,2}$/);
    }
  });
});
