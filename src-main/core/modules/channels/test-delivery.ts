// "Send a test delivery": a small signed delivery of the connection's own kind, posted to its own
// webhook URL; stored as a test (never processed), it proves the URL and the secret work.
import { douyinSign, hmacBase64, stripeStyleHeader } from './signatures';
import { SIGNATURE_HEADER } from './platforms/generic';
import type { Connection } from './platforms/types';

export function testDeliveryFor(c: Connection, nowMs: number): { headers: Record<string, string>; body: string } {
  const id = `test-${nowMs}`;
  switch (c.kind) {
    case 'shopify': {
      const body = JSON.stringify({ test: true, id });
      return { body, headers: { 'Content-Type': 'application/json', 'X-Shopify-Topic': 'app/test', 'X-Shopify-Webhook-Id': id, 'X-Shopify-Hmac-Sha256': hmacBase64(c.secret, Buffer.from(body)), 'X-Shopify-Triggered-At': new Date(nowMs).toISOString() } };
    }
    case 'woocommerce': {
      const body = `webhook_id=${id}`;
      return { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-WC-Webhook-Topic': 'ping', 'X-WC-Webhook-Delivery-ID': id, 'X-WC-Webhook-Signature': hmacBase64(c.secret, Buffer.from(body)) } };
    }
    case 'douyin': {
      const body = JSON.stringify([{ tag: '0', msg_id: id, data: '{}' }]);
      return { body, headers: { 'Content-Type': 'application/json', 'app-id': c.appKey ?? '', 'event-sign': douyinSign(c.appKey ?? '', Buffer.from(body), c.secret) } };
    }
    case 'generic': {
      const body = JSON.stringify({ id, type: 'test', created: Math.floor(nowMs / 1000), data: {} });
      return { body, headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: stripeStyleHeader(c.secret, body, Math.floor(nowMs / 1000)) } };
    }
  }
}
