// Every word on screen exists in English and 简体中文: each feature's locale files (zh-CN typed by
// en) have the same keys with text in both, no two files claim a group, and every literal key a
// screen asks for (t('group.key')) is there in both languages.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACK_MESSAGES_EN, coreRefusal } from '../../src-main/contract/pack-messages';
import { ERROR_CODES } from '../../src-main/contract/errors';
import { FIELD_MESSAGES_EN } from '../../src-main/contract/field-messages';
import { REFUSAL_MESSAGES_EN } from '../../src-main/contract/refusal-messages';

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

  it('have every message the bench station can send (its keys, every core error code) in both languages, with the same parameters', async () => {
    const packing = join(renderer, 'features', 'packing', 'locales');
    const [en, zh] = [leaves(await load(packing, 'en')), leaves(await load(packing, 'zh-CN'))];
    // the keys the station code uses: msg('key' ...) and the words of every stop kind
    const station = join(renderer, '..', 'src-main', 'station');
    const emitted = new Set<string>(ERROR_CODES.map((c) => coreRefusal({ code: c }).key));
    for (const f of sourceFiles(station)) for (const m of readFileSync(f, 'utf8').matchAll(/\b(?:msg\(|stop: |intercept: |pull: |printerProblem\()'(\w+)'/g)) emitted.add(m[1]!);
    expect(emitted.size).toBeGreaterThan(60);
    const params = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of new Set([...emitted, ...Object.keys(PACK_MESSAGES_EN)])) {
      expect(key in PACK_MESSAGES_EN, `${key} is sent by the station but not in contract/pack-messages.ts`).toBe(true);
      for (const [lang, words] of [['en', en], ['zh-CN', zh]] as const) {
        expect(words.has(`pack.msg.${key}`), `pack.msg.${key} in ${lang}`).toBe(true);
        expect(params(words.get(`pack.msg.${key}`)), `the parameters of pack.msg.${key} in ${lang}`).toEqual(params(PACK_MESSAGES_EN[key as keyof typeof PACK_MESSAGES_EN]));
      }
      if (key !== 'text' && key !== 'itemIn' && key !== 'itemsIn') expect(zh.get(`pack.msg.${key}`), `pack.msg.${key} is translated`).not.toBe(en.get(`pack.msg.${key}`));
    }
  });

  it('have the words of every check of the shop\'s own (FieldIssue.key) in both languages, naming only values the check gives', async () => {
    const shared = join(renderer, 'lib', 'locales');
    const [en, zh] = [leaves(await load(shared, 'en')), leaves(await load(shared, 'zh-CN'))];
    const params = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    // every said('key') and matching(..., 'key') of the contracts and the core's refusals is a key of FIELD_MESSAGES_EN
    const main = join(renderer, '..', 'src-main');
    const used = new Set<string>();
    for (const f of [...sourceFiles(join(main, 'contract')), ...sourceFiles(join(main, 'core'))]) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bsaid\('(\w+)'|\bmatching\([^;]*?, '(\w+)'\)/g)) used.add((m[1] ?? m[2])!);
      // said(a ? 'one' : 'other', ...): each of the keys it chooses from
      for (const m of text.matchAll(/\bsaid\(([^()]*?\?[^()]*?), \{/g)) for (const k of m[1]!.matchAll(/[?:] '(\w+)'/g)) used.add(k[1]!);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((k) => !(k in FIELD_MESSAGES_EN))).toEqual([]);
    expect(Object.keys(REFUSAL_MESSAGES_EN).filter((k) => !(k in FIELD_MESSAGES_EN))).toEqual([]);
    // a nested word ($t(states.{{state}}), $t(users.roles.{{role}})) names a group the screens have in both languages
    const every = { en: [] as string[], zh: [] as string[] };
    for (const dir of localeDirs) {
      every.en.push(...leaves(await load(dir, 'en')).keys());
      every.zh.push(...leaves(await load(dir, 'zh-CN')).keys());
    }
    for (const [key, words] of zh) for (const m of String(words).matchAll(/\$t\(([\w.]+)\.\{\{\w+\}\}\)/g)) {
      expect(every.en.some((k) => k.startsWith(`${m[1]}.`)) && every.zh.some((k) => k.startsWith(`${m[1]}.`)), `${m[1]} in ${key}`).toBe(true);
    }
    for (const [key, words] of Object.entries(FIELD_MESSAGES_EN)) {
      expect(en.get(`fieldMessages.${key}`), `fieldMessages.${key} in en`).toBe(words);
      expect(zh.get(`fieldMessages.${key}`), `fieldMessages.${key} is translated`).not.toBe(words);
      // the Chinese may leave a value out ('{{kind}} needs ...': the field's label says the kind), never name one the check does not give
      for (const p of params(zh.get(`fieldMessages.${key}`))) expect(params(words), `{{${p}}} in zh-CN fieldMessages.${key}`).toContain(p);
    }
  });
});
