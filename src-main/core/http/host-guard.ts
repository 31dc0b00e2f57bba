// Which requests the core answers at all (Host) and which may change something (Origin).
// A page on another site, or on another port of this machine, must not drive the core with the
// user's cookie; a name of an attacker's that resolves to this machine (DNS rebinding) gets nothing.
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const CHANGES_STATE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Refusal {
  status: 403;
  code: 'forbidden';
  message: string;
}

/** The machine's own names, answered when the core is reached over the LAN (serve --lan). */
const MACHINE_NAMES = (() => {
  const h = hostname().toLowerCase();
  return h ? [h, `${h}.local`] : [];
})();

export const isLoopbackAddress = (address: string) => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/** `[::1]` style for IPv6 literals as they appear in a Host header. */
function hostLiteral(address: string): string {
  const v4 = address.replace(/^::ffff:(?=\d+\.)/, '');
  return v4.includes(':') ? `[${v4}]` : v4;
}

/**
 * The host names (without port) this request may carry: loopback names always; over the LAN also
 * the address the client connected to and the machine's own names (only reachable with --lan).
 */
function namesFor(req: IncomingMessage): string[] {
  const local = req.socket.localAddress;
  return !local || isLoopbackAddress(local) ? LOOPBACK_NAMES : [...LOOPBACK_NAMES, hostLiteral(local!), ...MACHINE_NAMES];
}

/** `host[:port]` lowercased, as `new URL` would print it, or null when it is not a plain host. */
function splitHost(value: string, tls: boolean): { name: string; port: string } | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value);
  return m ? { name: m[1]!.toLowerCase(), port: m[2] ?? (tls ? '443' : '80') } : null;
}

/** `encrypted` is set on a TLS socket (LAN mode's HTTPS). */
const overTls = (req: IncomingMessage) => !!(req.socket as { encrypted?: boolean }).encrypted;

function ownHost(req: IncomingMessage, value: string, tls = overTls(req)): boolean {
  const h = splitHost(value, tls);
  return !!h && h.port === String(req.socket.localPort) && namesFor(req).includes(h.name);
}

function ownOrigin(req: IncomingMessage, origin: string): boolean {
  const m = /^(https?):\/\/([^/]+)$/i.exec(origin);
  // the scheme too: a page over plain http may not drive the HTTPS core
  return !!m && m[1]!.toLowerCase() === (overTls(req) ? 'https' : 'http') && ownHost(req, m[2]!);
}

/** The hosts (or with `scheme`, the origins) this core answers, for a refusal's message. */
const served = (req: IncomingMessage, scheme = '') => namesFor(req).map((n) => `${scheme}${n}:${req.socket.localPort}`).join(', ');

const refused = (message: string): Refusal => ({ status: 403, code: 'forbidden', message });
const FROM_SCREENS = 'requests that change data are taken from the Packline screens only';

/**
 * Why this request is refused, or null to serve it: a Host the core does not serve (any method,
 * API and UI alike); for a request that changes state (or opens the station socket, `always`), an
 * Origin other than the core's own, or without Origin a browser's cross-site marks. A request with
 * neither (curl, the station's client, an API integration) is served.
 */
export function foreignRequestRefusal(req: IncomingMessage, opts: { always?: boolean } = {}): Refusal | null {
  const host = req.headers.host;
  if (host !== undefined && !ownHost(req, host)) {
    return refused(`this Packline core answers requests for ${served(req)} only, not for Host "${host.slice(0, 100)}"`);
  }
  if (!opts.always && !CHANGES_STATE.has(req.method ?? 'GET')) return null;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (ownOrigin(req, origin)) return null;
    return refused(`${FROM_SCREENS} (${served(req, overTls(req) ? 'https://' : 'http://')}), not from a page at ${origin.slice(0, 100)}`);
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return refused(`${FROM_SCREENS}, not from another site (Sec-Fetch-Site: ${String(site).slice(0, 40)})`);
  }
  const referer = req.headers.referer;
  if (referer !== undefined) {
    let from: string | null = null;
    try {
      from = new URL(referer).origin;
    } catch {
      // not a URL: refused below
    }
    if (!from || !ownOrigin(req, from)) return refused(`${FROM_SCREENS}, not from a page at ${(from ?? referer).slice(0, 100)}`);
  }
  return null;
}
