// LAN mode's certificate: made once, on the first start with --lan, and kept in <data>/tls (key
// readable by the OS user alone). Benches never trust it through a CA: the pairing code carries its
// SHA-256 fingerprint and the bench pins exactly this certificate. selfsigned (node-forge) makes it:
// one small, long-kept dependency without a runtime polyfill; it uses Node's own RSA key generation.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { networkInterfaces, hostname } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export interface CoreCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the DER certificate, as AB:CD:... (what Node's fingerprint256 and browsers show) */
  fingerprint: string;
}

/** The machine's IPv4 LAN addresses (what a bench types or the pairing code names). */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
}

export function ensureCoreCertificate(dataDir: string): CoreCertificate {
  const dir = join(dataDir, 'tls');
  const keyFile = join(dir, 'core-key.pem');
  const certFile = join(dir, 'core-cert.pem');
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const names = [hostname(), `${hostname()}.local`, 'localhost'];
    const made = selfsigned.generate([{ name: 'commonName', value: `Packline core on ${hostname()}` }], {
      keySize: 2048, days: 3650, algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...names.map((value) => ({ type: 2, value })), ...['127.0.0.1', ...lanAddresses()].map((ip) => ({ type: 7, ip }))] },
      ],
    });
    writeFileSync(keyFile, made.private, { mode: 0o600 });
    writeFileSync(certFile, made.cert, { mode: 0o644 });
  }
  const cert = readFileSync(certFile, 'utf8');
  return { key: readFileSync(keyFile, 'utf8'), cert, fingerprint: new X509Certificate(cert).fingerprint256 };
}
