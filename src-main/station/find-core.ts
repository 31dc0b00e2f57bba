// A bench looks for the shop's core on the LAN by mDNS (the core announces `_packline._tcp`, see
// core/mdns.ts): the first core that answers within the wait, with the address to reach it at and
// the certificate fingerprint it announced. The fingerprint is a hint for the screen only: pairing
// still pins the fingerprint the one-time code carries, so an impostor on the LAN gains nothing.
import { isIPv4 } from 'node:net';
import { PACKLINE_SERVICE, openBonjour } from '../core/mdns';

export interface FoundCore {
  name: string;
  /** https://<IPv4>:<port> (or http:// for a core without --lan) */
  url: string;
  /** the name it announced (packline.local) */
  host: string;
  fingerprint: string | null;
}

export function findCore(o: { waitMs?: number; interface?: string } = {}): Promise<FoundCore | null> {
  const bonjour = openBonjour(o.interface);
  return new Promise((resolve) => {
    let done = false;
    const finish = (found: FoundCore | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      browser.stop();
      bonjour.destroy();
      resolve(found);
    };
    const browser = bonjour.find({ type: PACKLINE_SERVICE }, (s) => {
      const address = (s.addresses ?? []).find((a) => isIPv4(a)) ?? s.referer?.address;
      if (!address) return;
      const txt = (s.txt ?? {}) as Record<string, string>;
      finish({ name: s.name, url: `${txt.scheme === 'http' ? 'http' : 'https'}://${address}:${s.port}`, host: s.host, fingerprint: txt.fp ?? null });
    });
    const timer = setTimeout(() => finish(null), o.waitMs ?? 3000);
  });
}
