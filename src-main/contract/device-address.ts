// One readable, pasteable address per device (platform-neutral: the Devices screen checks and
// builds addresses with it, the station's device layer opens them):
//   tcp://192.168.1.50:9100
//   serial:/dev/ttyUSB0?baud=9600&dataBits=7&parity=even&stopBits=1   (also serial:COM3)
//   hid:0922:8003  or  hid:0922:8003?path=/dev/hidraw3
//   spool:Zebra_ZD421
//   file:/dev/usb/lp0

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialSettings {
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: Parity;
  stopBits: 1 | 1.5 | 2;
  flowControl?: 'none' | 'xonxoff' | 'rtscts';
}

export type DeviceAddress =
  | { kind: 'tcp'; host: string; port: number }
  | ({ kind: 'serial'; path: string } & SerialSettings)
  | { kind: 'hid'; vendorId: number; productId: number; path?: string }
  | { kind: 'spool'; printer: string }
  | { kind: 'file'; path: string };

export const DEFAULT_SERIAL: SerialSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

/** A refused address; `what` is the reason without the address (for a form field). */
export class AddressError extends Error {
  constructor(
    readonly address: string,
    readonly what: string,
  ) {
    super(`device address "${address}": ${what}`);
    this.name = 'AddressError';
  }
}

const bad = (addr: string, what: string): never => {
  throw new AddressError(addr, what);
};

const EXAMPLES = 'tcp://host:9100, serial:/dev/ttyUSB0?baud=9600, hid:0922:8003, spool:PRINTER, file:/dev/usb/lp0';

function parseQuery(addr: string, q: string | undefined, allowed: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  if (!q) return m;
  for (const part of q.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) bad(addr, `option "${part}" needs the form name=value`);
    const k = part.slice(0, eq);
    const v = decodeURIComponent(part.slice(eq + 1));
    if (!allowed.includes(k)) bad(addr, `unknown option "${k}" (allowed: ${allowed.join(', ')})`);
    if (m.has(k)) bad(addr, `option "${k}" given twice`);
    m.set(k, v);
  }
  return m;
}

function splitQuery(rest: string): [string, string | undefined] {
  const i = rest.indexOf('?');
  return i < 0 ? [rest, undefined] : [rest.slice(0, i), rest.slice(i + 1)];
}

function hex16(addr: string, s: string | undefined, what: string): number {
  if (!s || !/^[0-9a-fA-F]{4}$/.test(s)) bad(addr, `${what} must be 4 hex digits like 0922, got "${s ?? ''}"`);
  return parseInt(s!, 16);
}

/** Parses an address; throws AddressError naming what is wrong. */
export function readAddress(input: string): DeviceAddress {
  const addr = input.trim();
  if (addr === '') bad(input, `empty; examples: ${EXAMPLES}`);
  const colon = addr.indexOf(':');
  if (colon <= 0) bad(addr, `no scheme; start with tcp://, serial:, hid:, spool: or file: (examples: ${EXAMPLES})`);
  const scheme = addr.slice(0, colon).toLowerCase();
  const rest = addr.slice(colon + 1);
  switch (scheme) {
    case 'tcp': {
      if (!rest.startsWith('//')) bad(addr, 'tcp addresses look like tcp://192.168.1.50:9100');
      const hostPort = rest.slice(2).replace(/\/$/, '');
      const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d+))?$/.exec(hostPort);
      if (!m) bad(addr, `"${hostPort}" is not host:port`);
      const port = m![2] === undefined ? 9100 : Number(m![2]);
      if (!Number.isInteger(port) || port < 1 || port > 65535) bad(addr, `port ${m![2]} is not between 1 and 65535`);
      return { kind: 'tcp', host: m![1]!.replace(/^\[|\]$/g, ''), port };
    }
    case 'serial': {
      const [path, q] = splitQuery(rest);
      if (path === '') bad(addr, 'serial needs a port path, e.g. serial:/dev/ttyUSB0 or serial:COM3');
      const opts = parseQuery(addr, q, ['baud', 'dataBits', 'parity', 'stopBits', 'flowControl']);
      const s: SerialSettings = { ...DEFAULT_SERIAL };
      if (opts.has('baud')) {
        const b = Number(opts.get('baud'));
        if (!Number.isInteger(b) || b < 50 || b > 4_000_000) bad(addr, `baud "${opts.get('baud')}" is not a baud rate (e.g. 9600)`);
        s.baudRate = b;
      }
      if (opts.has('dataBits')) {
        const d = Number(opts.get('dataBits'));
        if (![5, 6, 7, 8].includes(d)) bad(addr, `dataBits must be 5, 6, 7 or 8, got "${opts.get('dataBits')}"`);
        s.dataBits = d as SerialSettings['dataBits'];
      }
      if (opts.has('parity')) {
        const p = opts.get('parity')!.toLowerCase();
        if (!['none', 'even', 'odd', 'mark', 'space'].includes(p)) bad(addr, `parity must be none, even, odd, mark or space, got "${opts.get('parity')}"`);
        s.parity = p as Parity;
      }
      if (opts.has('stopBits')) {
        const sb = Number(opts.get('stopBits'));
        if (![1, 1.5, 2].includes(sb)) bad(addr, `stopBits must be 1, 1.5 or 2, got "${opts.get('stopBits')}"`);
        s.stopBits = sb as SerialSettings['stopBits'];
      }
      if (opts.has('flowControl')) {
        const f = opts.get('flowControl')!.toLowerCase();
        if (!['none', 'xonxoff', 'rtscts'].includes(f)) bad(addr, `flowControl must be none, xonxoff or rtscts, got "${opts.get('flowControl')}"`);
        s.flowControl = f as SerialSettings['flowControl'];
      }
      return { kind: 'serial', path, ...s };
    }
    case 'hid': {
      const [ids, q] = splitQuery(rest);
      const [v, p, extra] = ids.split(':');
      if (extra !== undefined) bad(addr, 'hid addresses look like hid:0922:8003 (vendor:product in hex)');
      const vendorId = hex16(addr, v, 'vendor id');
      const productId = hex16(addr, p, 'product id');
      const opts = parseQuery(addr, q, ['path']);
      const path = opts.get('path');
      if (opts.has('path') && !path) bad(addr, 'path= is empty');
      return path ? { kind: 'hid', vendorId, productId, path } : { kind: 'hid', vendorId, productId };
    }
    case 'spool': {
      const printer = decodeURIComponent(rest);
      if (!/^[A-Za-z0-9_.@-]+$/.test(printer)) bad(addr, `printer name "${printer}" must be a CUPS queue name (letters, digits, _ . - @; no spaces)`);
      return { kind: 'spool', printer };
    }
    case 'file': {
      const path = rest.startsWith('//') ? rest.slice(2) : rest;
      if (path === '') bad(addr, 'file needs a device path, e.g. file:/dev/usb/lp0');
      return { kind: 'file', path };
    }
    default:
      return bad(addr, `unknown scheme "${scheme}" (use tcp, serial, hid, spool or file)`);
  }
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** The canonical text of an address: readAddress(formatAddress(a)) equals a. */
export function formatAddress(a: DeviceAddress): string {
  switch (a.kind) {
    case 'tcp':
      return `tcp://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
    case 'serial': {
      const q = [`baud=${a.baudRate}`];
      if (a.dataBits !== 8) q.push(`dataBits=${a.dataBits}`);
      if (a.parity !== 'none') q.push(`parity=${a.parity}`);
      if (a.stopBits !== 1) q.push(`stopBits=${a.stopBits}`);
      if (a.flowControl && a.flowControl !== 'none') q.push(`flowControl=${a.flowControl}`);
      return `serial:${a.path}?${q.join('&')}`;
    }
    case 'hid':
      return `hid:${hex(a.vendorId)}:${hex(a.productId)}${a.path ? `?path=${encodeURIComponent(a.path)}` : ''}`;
    case 'spool':
      return `spool:${a.printer}`;
    case 'file':
      return `file:${a.path}`;
  }
}
