// A bench talks to a LAN core over HTTPS and trusts exactly one certificate: the one whose SHA-256
// fingerprint came with its pairing code. No CA, no warning to click through: a different
// certificate (a man in the middle, another machine at that address) is refused with words before
// anything is sent. Node's fetch cannot take a CA per request, so this is a small fetch over
// node:https with a keep-alive agent that trusts only the pinned certificate.
import { Agent, request } from 'node:https';
import { connect, type PeerCertificate } from 'node:tls';
import { Readable } from 'node:stream';
import { AppError } from '../lib/errors';

export interface Pin {
  /** AB:CD:... (64 hex bytes), as Node's fingerprint256 */
  fingerprint: string;
  /** the pinned certificate itself (PEM), taken once at pairing after its fingerprint matched */
  certPem: string;
}

const wrongCertificate = (url: string, got: string, want: string) =>
  new AppError(
    'forbidden',
    `refused: the core at ${url} showed a certificate with SHA-256 ${got}, not ${want} as its pairing code says. ` +
      'Something between this bench and the core may be pretending to be it, or the core made a new certificate: ask a lead for a new pairing code and do not go on.',
  );

const toPem = (raw: Buffer) => `-----BEGIN CERTIFICATE-----\n${raw.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

/**
 * Connects, reads the certificate the core shows and checks its fingerprint; sends nothing. Returns
 * the certificate to pin, or refuses (with words) one that does not match.
 */
export function fetchPinnedCertificate(url: string, fingerprint: string, timeoutMs = 5_000): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 443), servername: /^[\d.]+$|:/.test(u.hostname) ? undefined : u.hostname, rejectUnauthorized: false });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      if (cert.fingerprint256?.toUpperCase() !== fingerprint.toUpperCase()) return reject(wrongCertificate(url, cert.fingerprint256 ?? 'none', fingerprint));
      resolve(toPem(cert.raw));
    });
    socket.once('error', (e) => reject(new AppError('unavailable', `the order core at ${url} is not answering (${e.message})`)));
  });
}

/** A fetch for the core's API and change feed that trusts only the pinned certificate. */
export function pinnedFetch(pin: Pin): typeof fetch {
  const agent = new Agent({
    keepAlive: true,
    ca: pin.certPem,
    // the name the bench used (an IP, a .local name) need not be in the certificate: the fingerprint is the identity
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      cert.fingerprint256?.toUpperCase() === pin.fingerprint.toUpperCase() ? undefined : wrongCertificate(_host, cert.fingerprint256 ?? 'none', pin.fingerprint),
  });
  return ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const headers = new Headers(init.headers);
      const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);
      if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
      const req = request(String(input), { method: init.method ?? 'GET', headers: Object.fromEntries(headers), agent, signal: init.signal ?? undefined }, (res) => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
        const status = res.statusCode ?? 502;
        const stream = status === 204 || status === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(stream, { status, headers: out }));
      });
      req.once('error', reject);
      req.end(body);
    })) as typeof fetch;
}
