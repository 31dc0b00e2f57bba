import { z } from 'zod';
import type { FieldIssue } from '../../contract/errors';
import type { SaidParams } from '../../contract/field-messages';

/** zod issues -> our field issues, with a path prefix ("body", "orders.3", ...). */
export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)';
    const rule = ruleOf(i);
    if (rule) return { path, message: i.message, rule };
    const said = saidOf(i);
    return said ? { path, message: i.message, ...said } : { path, message: i.message };
  });
}

/** A check of our own in keyed words (contract/field-messages.ts `said`): its key and parameters. */
function saidOf(i: z.core.$ZodIssue): Pick<FieldIssue, 'key' | 'params'> | undefined {
  const p = i.code === 'custom' ? (i.params as Partial<SaidParams> | undefined) : undefined;
  if (typeof p?.key !== 'string') return undefined;
  return p.params ? { key: p.key, params: p.params } : { key: p.key };
}

/** zod's own English words for an issue: a check that says its own (`.min(1, 'say what to do')`) is not one of them. */
const zodWords = z.locales.en().localeError;
// A type check's words end in what it received ("expected string, received number"), which the issue
// no longer carries (zod keeps a refused value off its issues): compare the words before it.
const received = /, received \w+$/;
const inZodWords = (i: z.core.$ZodIssue) => {
  const words = zodWords(i as never);
  const said = typeof words === 'string' ? words : words?.message;
  return i.code === 'invalid_type' ? said?.replace(received, '') === i.message.replace(received, '') : said === i.message;
};

/** A size, type or format check zod made in its own words, as FieldIssue.rule (the message stays in `message`). */
function ruleOf(i: z.core.$ZodIssue): FieldIssue['rule'] {
  if (!inZodWords(i)) return undefined;
  // "more than 0" (not inclusive) keeps zod's words: the screens say "at least" / "at most"
  if (i.code === 'too_small' && i.inclusive !== false) return { code: i.code, origin: i.origin, limit: Number(i.minimum) };
  if (i.code === 'too_big' && i.inclusive !== false) return { code: i.code, origin: i.origin, limit: Number(i.maximum) };
  if (i.code === 'invalid_type') return { code: i.code, expected: i.expected };
  // z.email(), z.url(), z.iso.datetime(), a .regex() without words: "Invalid email address"
  if (i.code === 'invalid_format') return { code: i.code, format: i.format };
  // z.enum(), z.literal(): "Invalid option: expected one of \"a\"|\"b\""
  if (i.code === 'invalid_value') return { code: i.code, values: i.values.map(String) };
  return undefined;
}
