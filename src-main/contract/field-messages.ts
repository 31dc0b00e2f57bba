import type { z } from 'zod';
import { fillIn } from './pack-messages';
import { REFUSAL_MESSAGES_EN } from './refusal-messages';

// Our own words for a refusal, as keys with parameters, so a screen can say them in its own
// language: a refused value (a refine, a custom issue, a form a code must have) carries its key and
// parameters on the field issue (FieldIssue.key, .params; core/http/validate.ts); a refusal of the
// core's own rules (`fail(code, said(...))`, lib/errors.ts) on the error body beside its message
// (the core's sentences are in refusal-messages.ts). The screens find them all under
// `fieldMessages` (src-renderer/lib/locales, where zh-CN translates every one), and `message` keeps
// these English words for API clients, the log and the audit.

const FIELD_CHECKS_EN = {
  // codes and the form they must have
  badgeCode: '4 to 64 printable ASCII characters',
  pin: '4 to 8 digits',
  skuCode: 'letters, digits, . _ - / up to 64',
  barcode: '3 to 64 printable ASCII characters, no spaces',
  boxTypeCode: '2 to 32 printable ASCII characters',
  channelCode: 'lowercase letters, digits, _ or -, up to 32',
  mergeChannel: 'a channel code',
  carrierCode: 'lower-case letters, digits, _ or -, up to 32 (e.g. sf, zto, ems)',
  labelTemplate: 'a label template name (lower-case letters, digits, dashes)',
  warehouseCode: 'letters, digits and dashes, e.g. GZ or CD-1',
  locationCode: 'letters, digits and dashes, e.g. A-03-12-2',
  cutoffTime: 'a time HH:MM, e.g. 17:30',
  place: 'one place name per entry',
  phone: 'a phone number of digits, spaces, dashes, optional leading +',
  country: 'a 2-letter ISO country code such as CN',
  currency: 'a 3-letter ISO 4217 code such as CNY',
  stockDate: 'YYYY-MM-DD',
  // addresses and secrets
  httpUrl: 'an http(s) URL',
  httpAddress: 'an http(s) address',
  trackingUrl: 'an http(s) address with {number} where the waybill number goes, or empty',
  channelSecret: 'printable ASCII without spaces',
  carrierNamesMax: 'at most 50 carriers',
  backupFolder: 'an absolute path, e.g. /media/usb/packline or D:\\packline',
  timeZone: 'a time zone such as Asia/Shanghai or Europe/Berlin',
  locationPattern: 'a regular expression with named groups, at least (?<aisle>...) or (?<bay>...); zone and level are optional',
  // notification channels
  robotUrlRequired: 'the webhook URL is required',
  robotUrlNotUrl: "not a URL: paste the robot's webhook address, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...",
  robotUrlClear: "the address must start with https:// (got {{got}}): messages carry the shop's numbers and must not travel in clear text",
  dingtalkSecretRequired: 'the signing secret is required (the robot\'s security setting "加签", starting SEC): unsigned robots accept anyone\'s messages',
  webhookSecretRequired: 'the signing secret is required: the receiver checks Packline-Signature with it',
  smtpRequired: 'the SMTP server, sender and recipients are required for email',
  // alert thresholds
  thresholdTodo: 'say what to do when it fires (e.g. "Call SF for an extra pickup")',
  // rules
  ruleNeedsAction: 'a rule needs at least one action',
  conditionNeedsNumber: '{{kind}} needs a comparison and a number',
  conditionNeedsValue: '{{kind}} needs at least one value',
  conditionNeedsCheck: 'address needs a check',
  buyerOrdersMax: "a buyer's orders today are counted up to {{max}}: use a number up to {{max}}",
  // orders, imports, money
  lineNeedsSku: 'give sku or channelSku',
  importColumns: 'map at least externalId, sku or channelSku, and qty',
  statementColumns: 'map at least merchantOrderNo, and gross or net',
  causeRuleLimit: 'give maxPercent or maxFen',
};

// One key space: a key is a check's or a refusal's, never both (the later would hide the other's words).
type BothKinds = keyof typeof FIELD_CHECKS_EN & keyof typeof REFUSAL_MESSAGES_EN;
const oneKeySpace: [BothKinds] extends [never] ? true : BothKinds = true;
void oneKeySpace;

/** Every keyed word of the core: the checks of a value above, and the refusals of its rules (refusal-messages.ts). */
export const FIELD_MESSAGES_EN = { ...FIELD_CHECKS_EN, ...REFUSAL_MESSAGES_EN };

export type FieldMessageKey = keyof typeof FIELD_MESSAGES_EN;
export type FieldMessageParams = Record<string, string | number>;

/** What zod keeps of a keyed message on its issue (a custom issue's `params`). */
export interface SaidParams { key: FieldMessageKey; params?: FieldMessageParams }

/** Words a screen can translate: the English message, and the key with its parameters (in zod's place for them). */
export interface Said { message: string; params: SaidParams }

/**
 * A check of our own, in words a screen can translate: `.refine(ok, said('ruleNeedsAction'))`, or in a
 * superRefine `ctx.addIssue({ code: 'custom', path, ...said('conditionNeedsValue', { kind }) })`. The
 * English words are the message; zod keeps the key on the issue (`params`). The core's refusals say
 * theirs the same way: `fail('conflict', said('skuExists', { sku }), [issue('sku', said('exists'))])`.
 */
export function said(key: FieldMessageKey, params?: FieldMessageParams): Said {
  return { message: fillIn(FIELD_MESSAGES_EN[key], params), params: params ? { key, params } : { key } };
}

/**
 * `s` must match `re`, or it is refused in our words (`key`). A `.regex(re, words)` would say them but
 * its issue carries no key, so the test is a refine; the pattern still shows in the OpenAPI document.
 */
export function matching<T extends z.ZodString>(s: T, re: RegExp, key: FieldMessageKey): T {
  return s.refine((v) => re.test(v), said(key)).meta({ pattern: re.source });
}
