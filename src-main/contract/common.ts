import { z } from 'zod';
import { matching } from './field-messages';

// Field shapes several modules share: clean text, grams, millimetres, money in minor units, currency codes.

// What no stored text may carry. Control characters (NUL ends a string in C and in many printers;
// a tab or a line break is allowed in free text only); bidi embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069), which make a screen or a label show the text reordered; and a
// lone surrogate, which is no character at all (it cannot be printed or sent as UTF-8).
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const BAD_IN_LINE = new RegExp(`[\\u0000-\\u001F\\u007F\\u202A-\\u202E\\u2066-\\u2069]|${LONE_SURROGATE}`);
const BAD_IN_FREE_TEXT = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\u202A-\\u202E\\u2066-\\u2069]|${LONE_SURROGATE}`);
/** Zero-width characters: allowed inside text (a joiner in an emoji), not as all of it. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Any character the checks below look at: most text (Chinese too) has none, and is done in one test. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\u0000-\u001F\u007F\u200B-\u206F\uD800-\uDFFF\uFEFF]/;

/** What is wrong with a text (one line, or free text with tabs and line breaks), or null. */
export function textProblem(s: string, freeText = false): string | null {
  if (!SUSPECT.test(s)) return null; // the order intake path validates thousands of fields a second
  const bad = (freeText ? BAD_IN_FREE_TEXT : BAD_IN_LINE).exec(s);
  if (bad) {
    const c = bad[0];
    const at = `${codePoint(c)} at character ${bad.index + 1}`;
    if (c >= '\uD800' && c <= '\uDFFF') return `must not contain a lone surrogate (${at}): the text is not valid Unicode`;
    if (c >= '\u202A') return `must not contain a bidirectional control character (${at}): it reorders what is shown`;
    return `must not contain control characters (${at})${freeText ? '' : '; it is one line of text'}`;
  }
  if (s !== '' && s.replace(INVISIBLE, '').trim() === '') return 'must not be only invisible (zero-width) characters';
  return null;
}

/** The check as a zod refinement: the message is worked out only for a refused text. */
const clean = (freeText: boolean) => [(s: string) => textProblem(s, freeText) === null, { error: (iss: { input: unknown }) => textProblem(String(iss.input), freeText) ?? 'not valid text' }] as const;

/** Required one-line text (a name, a code, an address line): trimmed, 1 to max characters, clean. */
export const trimmed = (max: number) => z.string().trim().min(1).max(max).refine(...clean(false));

/** One-line text that may be empty (an optional address part, a postcode): trimmed, at most max, clean. */
export const line = (max: number) => z.string().trim().max(max).refine(...clean(false));

/** Free text (a note, a reason): tabs and line breaks allowed, at most max characters, clean. */
export const freeText = (max: number) => z.string().trim().max(max).refine(...clean(true));

export const grams = z.number().int().min(0).max(1_000_000);

export const mm = z.number().int().min(0).max(10_000);

export const minor = z.number().int().min(0).max(1e12);

export const Currency = matching(z.string(), /^[A-Z]{3}$/, 'currency');
