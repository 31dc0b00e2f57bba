// How a message reaches each kind of notification channel, in the channel's documented format:
// WeCom group robot (POST JSON msgtype markdown / image {base64, md5}; answer {"errcode":0,"errmsg":"ok"}),
// DingTalk group robot (msgtype markdown; signed URL: timestamp + base64 HMAC-SHA256 of
// "timestamp\nsecret", URL-encoded as sign), email over SMTP (nodemailer, the chart inline), and a
// generic webhook signed like the channels' generic webhook (Packline-Signature t=...,v1=...).
import { createHash, createHmac } from 'node:crypto';
import { stripeStyleHeader } from '../channels/signatures';
import type { ChannelRow, OutboxRow } from './store';

export interface SendResult { ok: boolean; detail: string }
export interface SmtpConfig { host: string; port: number; secure: boolean; user: string; password: string; from: string; to: string[] }

const TIMEOUT_MS = 10_000;

/** DingTalk's signed URL: the robot's URL with &timestamp=<ms>&sign=<url-encoded base64 HMAC>. */
export function dingtalkSignedUrl(url: string, secret: string, nowMs: number): string {
  const sign = createHmac('sha256', secret).update(`${nowMs}\n${secret}`).digest('base64');
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${nowMs}&sign=${encodeURIComponent(sign)}`;
}

async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: judged by the status
  }
  return { status: res.status, json, text };
}

/** WeCom and DingTalk answer HTTP 200 with errcode 0 when the message was taken; anything else says why in errmsg. */
function robotAnswer(r: { status: number; json: unknown; text: string }): SendResult {
  const a = r.json as { errcode?: number; errmsg?: string } | null;
  if (r.status === 200 && a && a.errcode === 0) return { ok: true, detail: `${r.status} errcode 0 ${a.errmsg ?? ''}`.trim() };
  return { ok: false, detail: a && typeof a.errcode === 'number' ? `errcode ${a.errcode}: ${a.errmsg ?? ''}` : `HTTP ${r.status}: ${r.text.slice(0, 200)}` };
}

const markdownOf = (m: OutboxRow) => `## ${m.title}\n\n${m.text}`;

export async function sendMessage(c: ChannelRow, m: OutboxRow, nowMs: number): Promise<SendResult> {
  switch (c.kind) {
    case 'wecom': {
      // the brief's chart goes as its own image message (its own outbox row, key ...:image)
      const body = m.image
        ? { msgtype: 'image', image: { base64: m.image, md5: createHash('md5').update(Buffer.from(m.image, 'base64')).digest('hex') } }
        : { msgtype: 'markdown', markdown: { content: markdownOf(m) } };
      return robotAnswer(await postJson(c.url, JSON.stringify(body)));
    }
    case 'dingtalk': {
      const body = { msgtype: 'markdown', markdown: { title: m.title, text: markdownOf(m) } };
      return robotAnswer(await postJson(dingtalkSignedUrl(c.url, c.secret, nowMs), JSON.stringify(body)));
    }
    case 'webhook': {
      const body = JSON.stringify({ id: m.id, type: `${m.what}`, key: m.dedupe_key, created: Math.floor(nowMs / 1000), data: { title: m.title, text: m.text, imagePngBase64: m.image } });
      const r = await postJson(c.url, body, { 'Idempotency-Key': `${m.channel_id}:${m.dedupe_key}`, 'Packline-Signature': stripeStyleHeader(c.secret, body, Math.floor(nowMs / 1000)) });
      return r.status >= 200 && r.status < 300 ? { ok: true, detail: `HTTP ${r.status}` } : { ok: false, detail: `HTTP ${r.status}: ${r.text.slice(0, 200)}` };
    }
    case 'email': {
      const s = JSON.parse(c.smtp ?? '{}') as SmtpConfig;
      const { createTransport } = await import('nodemailer');
      const t = createTransport({
        host: s.host, port: s.port, secure: s.secure, auth: s.user ? { user: s.user, pass: s.password } : undefined,
        connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS,
      });
      try {
        const info = await t.sendMail({
          from: s.from, to: s.to, subject: m.title, text: m.text,
          headers: { 'X-Packline-Key': m.dedupe_key },
          ...(m.image ? { html: `<pre style="font-family:sans-serif">${escapeHtml(m.text)}</pre><img src="cid:chart@packline" alt="chart">`, attachments: [{ filename: 'chart.png', content: Buffer.from(m.image, 'base64'), cid: 'chart@packline' }] } : {}),
        });
        return { ok: true, detail: `accepted by ${s.host}: ${info.response}`.slice(0, 300) };
      } finally {
        t.close();
      }
    }
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
