import type { RouteName, RouteOutput } from '../../src-main/contract/api';
import { requestFor, type CallArgs } from '../../src-main/contract/client';
import { describeIssues, type ApiError, type FieldIssue, type RowWords } from '../../src-main/contract/errors';
import i18n from './i18n';

// The one HTTP client: every call is named after a route of the contract, so paths, methods
// and types come from the same table the core validates with.

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly body: ApiError['error']) {
    super(body.message);
  }
}

/**
 * What went wrong, in the form's own words: each field the core names is called by its label on the
 * screen (`labels`: the API's path -> the label; a path under a labelled one keeps its last part, as
 * "Carrier cut-off times (sf)"), instead of the API's path ("pickPath.pattern: ..."), and what is wrong
 * with it in the screen's language where the core names the check (a size, type or format check, or one of the
 * shop's own). That is when the issues are all the refusal says (the contract's checks, and a core rule
 * whose message is its issue: 'code: a warehouse GZ already exists'); a refusal whose message says more
 * than its issues ('on hand would fall to -3; there are only 2' for 'onHandDelta: too large a decrease',
 * 'SKU TEA-01 already exists' for 'sku: exists') says its message: in the screen's language when the
 * core gives its key (ApiError key, params), else the core's words.
 */
export function failureText(e: unknown, labels: Record<string, string> = {}): string {
  if (!(e instanceof ApiFailure)) return (e as Error).message;
  const { message, issues } = e.body;
  if (!issues?.length || message !== describeIssues(issues)) return saidWords(e.body) ?? message;
  const t = (key: string, fallback: string, values?: Record<string, number>) => (i18n.exists(key) ? i18n.t(key, values) : fallback);
  // a list's entry by its place as a person counts (the API's index 1 is the second): "(#2)", "（第 2 项）"
  const part = (segment: string) => (/^\d+$/.test(segment) ? t('fieldRules.nth', `#${Number(segment) + 1}`, { n: Number(segment) + 1 }) : segment);
  const named = (path: string) => {
    const under = Object.keys(labels).filter((k) => path === k || path.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
    if (under === undefined) return path;
    if (path === under) return labels[under]!;
    const rest = path.slice(under.length + 1).split('.').map(part).join(t('fieldRules.partJoiner', ', '));
    return `${labels[under]!}${t('fieldRules.open', ' (')}${rest}${t('fieldRules.close', ')')}`;
  };
  return issues.map((i) => `${named(i.path)}${t('fieldRules.separator', ': ')}${saidText(i)}`).join(t('fieldRules.joiner', '; '));
}

/**
 * What is wrong with a field, or with a refused row of a file's report (its row and column are the
 * report's own), in the screen's language where the core names the check or gives its key; else its message.
 */
export function saidText(i: RowWords & { message: string }): string {
  return ruleWords(i.rule) ?? saidWords(i) ?? i.message;
}

/** A check or rule of the shop's own the core names (FieldIssue.key, ApiError key; contract/field-messages.ts) in the screen's language; null when there are no words for it. */
function saidWords(i: Pick<FieldIssue, 'key' | 'params'>): string | null {
  const key = i.key && `fieldMessages.${i.key}`;
  if (!key || !i18n.exists(key)) return null;
  // a value said in the screens' words ($t(nouns.{{what}}), $t(states.{{state}})) they have none for (a newer core's): the core's words
  const words = String(i18n.getResource(i18n.resolvedLanguage ?? i18n.language, 'translation', key) ?? '');
  for (const [, group, name] of words.matchAll(/\$t\(([\w.]+)\.\{\{(\w+)\}\}\)/g)) if (!i18n.exists(`${group}.${String(i.params?.[name!] ?? '')}`)) return null;
  return i18n.t(key, i.params ?? {});
}

/**
 * A size, type or format check the core names (FieldIssue.rule) in the screen's language; null when there are no words for it.
 * A format without words of its own (a .regex(), a format from a newer core) is "not in the expected form".
 */
function ruleWords(rule: FieldIssue['rule']): string | null {
  if (!rule) return null;
  const key = rule.code === 'too_small' && rule.origin === 'string' && rule.limit === 1 ? 'fieldRules.required'
    : rule.code === 'invalid_type' ? 'fieldRules.invalid_type'
    : rule.code === 'invalid_value' ? 'fieldRules.invalid_value'
    : rule.code === 'invalid_format' ? (i18n.exists(`fieldRules.invalid_format_${rule.format}`) ? `fieldRules.invalid_format_${rule.format}` : 'fieldRules.invalid_format')
    : `fieldRules.${rule.code}_${rule.origin}`;
  return i18n.exists(key) ? i18n.t(key, { limit: rule.limit, values: rule.values?.join(', ') }) : null;
}

let token: string | null = sessionStorage.getItem('pl_token');
export const setToken = (t: string | null) => {
  token = t;
  if (t) sessionStorage.setItem('pl_token', t);
  else sessionStorage.removeItem('pl_token');
};
export const hasToken = () => token !== null;

export async function call<K extends RouteName>(name: K, args: CallArgs<K> = {}): Promise<RouteOutput<K>> {
  const { url, init } = requestFor(name, args, token);
  const res = await fetch(url, init);
  const json = await res.json().catch(() => ({ error: { code: 'internal', message: `HTTP ${res.status}` } }));
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new Event('pl:logged-out'));
    throw new ApiFailure(res.status, (json as ApiError).error);
  }
  return json as RouteOutput<K>;
}

/** Why a GET of a route's URL failed (an <img> that did not load): the core's own error message. */
export async function failureOf(url: string): Promise<string> {
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch((e: Error) => e);
  if (res instanceof Error) return res.message;
  if (res.ok) return `HTTP ${res.status}`;
  const json = (await res.json().catch(() => null)) as ApiError | null;
  return json?.error?.message ?? `HTTP ${res.status}`;
}

/** A binary route (a PDF): the file as a Blob, with the same auth and errors as `call`. */
export async function callFile<K extends RouteName>(name: K, args: CallArgs<K> = {}): Promise<Blob> {
  const { url, init } = requestFor(name, args, token);
  const res = await fetch(url, init);
  if (!res.ok) {
    const json = await res.json().catch(() => ({ error: { code: 'internal', message: `HTTP ${res.status}` } }));
    if (res.status === 401) window.dispatchEvent(new Event('pl:logged-out'));
    throw new ApiFailure(res.status, (json as ApiError).error);
  }
  return res.blob();
}
