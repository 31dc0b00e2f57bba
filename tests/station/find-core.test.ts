// mDNS over a real multicast socket: a LAN core announces `_packline._tcp` (port, scheme, the
// certificate's fingerprint) and the name packline.local; a bench browsing finds it and reaches the
// core at the address found, pinned to that fingerprint. Needs a network interface that takes
// multicast (this machine's eth0 loops its own 224.0.0.251 datagrams back, as any LAN PC does); on a
// machine with none the browse finds nothing and the test fails saying so, rather than passing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { networkInterfaces } from 'node:os';
import { startCore, tempDir, type TestServer } from '../core/helpers';
import { ensureCoreCertificate } from '../../src-main/core/tls';
import { announceCore, PACKLINE_HOST, type CoreAnnouncement } from '../../src-main/core/mdns';
import { findCore } from '../../src-main/station/find-core';
import { pinnedFetch } from '../../src-main/station/pinned-tls';
import { coreLinkFor } from '../../src-main/station/pairing';

const multicastIPv4 = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
const certDir = tempDir('packline-mdns-');
const cert = ensureCoreCertificate(certDir.dir);
let s: TestServer;
let announced: CoreAnnouncement;
beforeAll(async () => {
  expect(multicastIPv4, 'no non-loopback IPv4 interface: mDNS needs one that takes multicast').not.toEqual([]);
  s = await startCore({ http: { host: '0.0.0.0', tls: { key: cert.key, cert: cert.cert } } });
  announced = announceCore({ port: Number(new URL(s.url).port), fingerprint: cert.fingerprint, name: `Packline core test ${process.pid}` });
});
afterAll(async () => {
  await announced?.stop();
  await s?.close();
  certDir.cleanup();
});

describe('a bench finds the core by mDNS', () => {
  it('browsing _packline._tcp finds the announced core, its HTTPS address on this LAN and its fingerprint; the pinned link reaches it', async () => {
    const found = await findCore({ waitMs: 5000 });
    expect(found, 'no mDNS answer: is multicast blocked on this machine?').not.toBeNull();
    expect(found).toMatchObject({ name: announced.name, host: PACKLINE_HOST, fingerprint: cert.fingerprint });
    const url = new URL(found!.url);
    expect(url.protocol).toBe('https:');
    expect(multicastIPv4).toContain(url.hostname);
    expect(url.port).toBe(new URL(s.url).port);
    const pin = { fingerprint: found!.fingerprint!, certPem: cert.cert };
    const res = await pinnedFetch(pin)(`${found!.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const login = await coreLinkFor(found!.url, null, pin).call('login', { body: { badge: 'not-a-badge' } }).catch((e: Error) => e.message);
    expect(login).toMatch(/badge/i); // the core answered (refusing the badge), over the pinned link
  });

  it('a bench that finds no core within the wait says so (null), it does not hang', async () => {
    const t0 = Date.now();
    await announced.stop();
    // the core's goodbye (TTL 0) has gone out; a fresh browse hears no core
    expect(await findCore({ waitMs: 800 })).toBeNull();
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
