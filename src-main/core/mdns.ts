// A LAN core announces itself over mDNS (DNS-SD), so a bench finds it by name rather than by an IP
// that DHCP may change: the service `_packline._tcp` (its port, and the certificate's fingerprint in
// the TXT record) and the host name `packline.local` (answered with the core PC's addresses).
// bonjour-service (on multicast-dns) answers the queries; nothing is announced without --lan.
import { Bonjour, type Service } from 'bonjour-service';
import { hostname } from 'node:os';

/** The DNS-SD service type of a Packline core. */
export const PACKLINE_SERVICE = 'packline';
/** The host name a core announces (a second core on the LAN announces its PC's own `<host>.local`). */
export const PACKLINE_HOST = 'packline.local';

/** A Bonjour instance, on one network interface when given (multicast-dns's option, which bonjour-service passes through but does not type). */
export function openBonjour(iface?: string): Bonjour {
  return new Bonjour((iface ? { interface: iface } : {}) as ConstructorParameters<typeof Bonjour>[0]);
}

export interface CoreAnnouncement {
  /** the instance name in the browse list: "Packline core on <PC>" */
  name: string;
  stop(): Promise<void>;
}

/** Announces the core listening on `port` (HTTPS with `fingerprint`, or plain HTTP with null). */
export function announceCore(o: { port: number; fingerprint: string | null; host?: string; name?: string; interface?: string }): CoreAnnouncement {
  const bonjour = openBonjour(o.interface);
  const name = o.name ?? `Packline core on ${hostname()}`;
  const service: Service = bonjour.publish({
    name, type: PACKLINE_SERVICE, port: o.port, host: o.host ?? PACKLINE_HOST, disableIPv6: true,
    txt: { scheme: o.fingerprint ? 'https' : 'http', ...(o.fingerprint ? { fp: o.fingerprint } : {}) },
  });
  return {
    name,
    stop: () => new Promise<void>((resolve) => {
      service.stop?.(() => bonjour.destroy(() => resolve()));
    }),
  };
}
