// Every word on screen exists in English and 简体中文: each feature's locale files (zh-CN typed by
// en) have the same keys with text in both, no two files claim a group, and every literal key a
// screen asks for (t('group.key')) is there in both languages.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const renderer = join(__dirname, '..', '..', 'src-renderer');
type Tree = { [k: string]: unknown };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}
const localeDirs = [join(renderer, 'lib', 'locales'), ...readdirSync(join(renderer, 'features')).map((f) => join(renderer, 'features', f, 'locales')).filter(existsSync)];

async function load(dir: string, lang: 'en' | 'zh-CN'): Promise<Tree> {
  const mod = (await import(join(dir, `${lang}.ts`))) as Record<string, Tree>;
  return mod[lang === 'en' ? 'en' : 'zhCN']!;
}
function leaves(t: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(t)) {
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v as Tree, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}

describe('locales', () => {
  it('give every feature the same keys in en and zh-CN, each with words, and no group twice', async () => {
    const groups = new Map<string, string>();
    for (const dir of localeDirs) {
      const [en, zh] = [await load(dir, 'en'), await load(dir, 'zh-CN')];
      expect([...leaves(zh).keys()].sort(), dir).toEqual([...leaves(en).keys()].sort());
      for (const [k, v] of [...leaves(en), ...leaves(zh)]) expect(typeof v === 'string' && v.trim().length > 0, `${dir}: ${k}`).toBe(true);
      for (const g of Object.keys(en)) {
        expect(groups.get(g), `group "${g}" in ${dir} and ${groups.get(g)}`).toBeUndefined();
        groups.set(g, dir);
      }
    }
  });

  it('have every literal key the screens ask for, in both languages', async () => {
    const all = { en: new Map<string, unknown>(), 'zh-CN': new Map<string, unknown>() };
    for (const dir of localeDirs) for (const lang of ['en', 'zh-CN'] as const) for (const [k, v] of leaves(await load(dir, lang))) all[lang].set(k, v);
    const used = new Set<string>();
    for (const f of sourceFiles(renderer)) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([\w.-]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(100);
    // i18next plural forms (key_one / key_other) count as the key
    const has = (m: Map<string, unknown>, k: string) => m.has(k) || m.has(`${k}_one`) || m.has(`${k}_other`);
    expect([...used].filter((k) => !has(all.en, k) || !has(all['zh-CN'], k))).toEqual([]);
  });
});
