// Webhook signatures, each computed on the raw bytes as received and compared in constant time
// (CHANNELS.md "Inbound"). A refusal says why in words for the log and the inbox screen, never the
// expected value.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time equality of two strings (false at once for different lengths, which leaks only the length). */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const hmacBase64 = (secret: string, body: Uint8Array) => createHmac('sha256', secret).update(body).digest('base64');
export const hmacHex = (secret: string, body: Uint8Array | string) => createHmac('sha256', secret).update(body).digest('hex');

/** 抖店 message push: hex md5(app_key + body + app_secret). */
export const douyinSign = (appKey: string, body: Uint8Array, appSecret: string) =>
  createHash('md5').update(appKey).update(body).update(appSecret).digest('hex');

/**
 * 抖店 open platform request signature (sign_method=hmac-sha256, v=2): hex HMAC-SHA256 keyed with the
 * app secret of `secret + "app_key" + key + "method" + method + "param_json" + json + "timestamp" + t + "v2" + secret`,
 * where json is the business parameters with their keys sorted.
 */
export function douyinApiSign(appKey: string, appSecret: string, method: string, paramJson: string, timestamp: string): string {
  return hmacHex(appSecret, `${appSecret}app_key${appKey}method${method}param_json${paramJson}timestamp${timestamp}v2${appSecret}`);
}

/** JSON with every object's keys sorted, no spaces: how 抖店 wants param_json (signed and sent). */
export function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Stripe-style `t=<unix>,v1=<hex HMAC-SHA256("{t}.{body}")>` for the generic channel (and our signed write-backs). */
export function stripeStyleHeader(secret: string, body: Uint8Array | string, unix: number): string {
  const mac = createHmac('sha256', secret).update(`${unix}.`).update(body).digest('hex');
  return `t=${unix},v1=${mac}`;
}

export const GENERIC_TOLERANCE_S = 300;

/** Checks a Stripe-style header; returns why it is refused, or null. */
export function stripeStyleProblem(header: string | null, secret: string, body: Uint8Array, nowMs: number): string | null {
  if (!header) return 'no Packline-Signature header';
  const parts = new Map<string, string[]>();
  for (const kv of header.split(',')) {
    const i = kv.indexOf('=');
    if (i > 0) parts.set(kv.slice(0, i).trim(), [...(parts.get(kv.slice(0, i).trim()) ?? []), kv.slice(i + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t)) return 'the signature header has no t=<unix time>';
  if (Math.abs(nowMs / 1000 - t) > GENERIC_TOLERANCE_S) return `the signature's time is more than ${GENERIC_TOLERANCE_S} s away from ours (a replay, or a clock off)`;
  const expected = stripeStyleHeader(secret, body, t).slice(`t=${t},v1=`.length);
  return (parts.get('v1') ?? []).some((v) => sameText(v, expected)) ? null : 'the v1 signature does not match the body';
}
