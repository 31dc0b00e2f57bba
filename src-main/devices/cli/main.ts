// The technician's command line:
//   npm run device -- list
//   npm run device -- scale <address or port path> --protocol <mt-sics|toledo-8217|continuous|hid> [--once]
//   npm run device -- print <printer address> <file> [--language zpl|tspl|epl|pdf|raw] [--no-status]
//   npm run device -- scan <address> [--no-aim]
// Exit codes: 0 done, 1 the device failed (message on stderr), 2 wrong usage.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { configureLogging } from '../../lib/log';
import { parseAddressOrPort, parseAddress, formatAddress, type SerialSettings } from '../address';
import { ScaleDriver, SCALE_PROTOCOLS, type ScaleProtocol, type TimedReading } from '../drivers/scale-driver';
import { ScannerDriver } from '../drivers/scanner-driver';
import { sinkFor, PrintError, type PrintLanguage } from '../transports/printer-sinks';
import { listDevices } from '../hub';
import { TOLEDO_8217_PORT } from '../codecs/toledo-8217';
import type { DriverState } from '../events';

const USAGE = `Packline device tool

  device list
      HID and serial devices on this machine, with the address to paste into the settings.
  device scale <address or port path> --protocol <${SCALE_PROTOCOLS.join('|')}> [--once]
         [--baud 9600] [--data-bits 8] [--parity none] [--stop-bits 1] [--unit kg|lb|g] [--timeout 30]
      Prints each reading (stable / motion, grams). --once exits 0 after the first stable weight.
  device print <printer address> <file> [--language zpl|tspl|epl|pdf|raw] [--no-status]
      Sends the file raw; exits 0 once the printer took it.
  device scan <address> [--no-aim]
      Prints each scan.

Addresses: tcp://192.168.1.50:9100  serial:/dev/ttyUSB0?baud=9600&dataBits=7&parity=even
           hid:0922:8003  spool:Zebra_ZD421  file:/dev/usb/lp0
`;

const out = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

class UsageError extends Error {}

function describeState(s: DriverState): string {
  return `[${s.status}]${s.reason ? ` ${s.reason}` : ''}`;
}

export function formatReading(r: TimedReading): string {
  const g = r.grams === null ? '' : `${r.grams} g`;
  const status = r.stable ? 'stable' : r.status === 'unflagged' ? 'motion' : r.status;
  return `${status.padEnd(10)} ${g}${r.shown ? `  (${r.shown})` : ''}`.trimEnd();
}

async function list(): Promise<number> {
  const { devices, errors } = await listDevices();
  for (const e of errors) err(e);
  if (devices.length === 0) out('no HID or serial devices found');
  for (const d of devices) {
    const ids = d.vendorId ? `${d.vendorId}:${d.productId ?? '????'}` : '         ';
    out(`${d.bus.padEnd(6)} ${ids}  ${(d.kind && d.kind !== 'other' ? `${d.kind}: ` : '') + d.name}`);
    out(`       ${d.address}`);
    if (!d.accessible) out(`       CANNOT OPEN: ${d.help}`);
  }
  return 0;
}

async function scale(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      protocol: { type: 'string' },
      once: { type: 'boolean', default: false },
      baud: { type: 'string' },
      'data-bits': { type: 'string' },
      parity: { type: 'string' },
      'stop-bits': { type: 'string' },
      unit: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const target = positionals[0];
  if (!target) throw new UsageError('scale needs an address or port path, e.g. /dev/ttyUSB0 or hid:0922:8003');
  const protocol = values.protocol as ScaleProtocol | undefined;
  if (!protocol || !SCALE_PROTOCOLS.includes(protocol)) throw new UsageError(`--protocol must be one of ${SCALE_PROTOCOLS.join(', ')}`);
  const serial: Partial<SerialSettings> = protocol === 'toledo-8217' ? { ...TOLEDO_8217_PORT } : {};
  let address = parseAddressOrPort(target, serial);
  if (address.kind === 'serial') {
    // flags written out on the command line win over the address
    const q = new URLSearchParams(formatAddress(address).split('?')[1]);
    if (values.baud) q.set('baud', values.baud);
    if (values['data-bits']) q.set('dataBits', values['data-bits']);
    if (values.parity) q.set('parity', values.parity);
    if (values['stop-bits']) q.set('stopBits', values['stop-bits']);
    address = parseAddress(`serial:${address.path}?${[...q].map(([k, v]) => `${k}=${v}`).join('&')}`);
  }
  const unit = values.unit as 'kg' | 'lb' | 'g' | undefined;
  if (unit && !['kg', 'lb', 'g'].includes(unit)) throw new UsageError('--unit must be kg, lb or g');
  const timeoutS = values.timeout ? Number(values.timeout) : 30;
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new UsageError('--timeout is seconds, e.g. 30');

  const driver = new ScaleDriver({ address, protocol, unit });
  err(`reading ${formatAddress(address)} as ${protocol}${values.once ? ' until the first stable weight' : ' (Ctrl-C to stop)'}`);
  driver.on('state', (s) => err(describeState(s)));
  driver.on('problem', (m) => err(`device sent something unreadable: ${m}`));
  return new Promise<number>((resolve) => {
    let done = false;
    const finish = async (code: number) => {
      if (done) return;
      done = true;
      await driver.stop();
      resolve(code);
    };
    driver.on('reading', (r) => {
      if (done) return;
      out(formatReading(r));
      if (values.once && r.stable && r.grams !== null) void finish(0);
    });
    if (values.once) {
      setTimeout(() => {
        err(`no stable weight within ${timeoutS} s (${describeState(driver.state)})`);
        void finish(1);
      }, timeoutS * 1000).unref();
    }
    process.once('SIGINT', () => void finish(0));
    driver.start();
  });
}

function guessLanguage(file: string, data: Uint8Array): PrintLanguage {
  const ext = extname(file).toLowerCase().slice(1);
  if (['zpl', 'tspl', 'epl', 'pdf'].includes(ext)) return ext as PrintLanguage;
  const head = Buffer.from(data.subarray(0, 64)).toString('latin1');
  if (head.startsWith('%PDF')) return 'pdf';
  if (/\^XA/.test(head)) return 'zpl';
  if (/^\s*SIZE /m.test(head)) return 'tspl';
  return 'raw';
}

async function print(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { language: { type: 'string' }, 'no-status': { type: 'boolean', default: false } } });
  const [target, file] = positionals;
  if (!target || !file) throw new UsageError('print needs a printer address and a file, e.g. print tcp://192.168.1.50:9100 label.zpl');
  const address = parseAddress(target);
  let data: Uint8Array;
  try {
    data = readFileSync(file);
  } catch (e) {
    err(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    return 1;
  }
  const language = (values.language as PrintLanguage | undefined) ?? guessLanguage(file, data);
  if (!['zpl', 'tspl', 'epl', 'pdf', 'raw'].includes(language)) throw new UsageError('--language must be zpl, tspl, epl, pdf or raw');
  const sink = sinkFor(address);
  try {
    await sink.send(data, { language, statusCheck: !values['no-status'] });
  } catch (e) {
    err(e instanceof PrintError ? `not printed: ${e.message}` : `not printed: ${(e as Error).message}`);
    return 1;
  }
  out(`printed: ${data.length} bytes of ${language} taken by ${formatAddress(address)}`);
  return 0;
}

async function scan(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'no-aim': { type: 'boolean', default: false } } });
  const target = positionals[0];
  if (!target) throw new UsageError('scan needs an address, e.g. serial:/dev/ttyACM0 or hid:0c2e:0b8f');
  const address = parseAddressOrPort(target);
  const driver = new ScannerDriver({ id: 'cli', address, aimPrefix: !values['no-aim'] });
  err(`waiting for scans on ${formatAddress(address)} (Ctrl-C to stop)`);
  driver.on('state', (s) => err(describeState(s)));
  driver.on('problem', (m) => err(`scanner sent something unreadable: ${m}`));
  driver.on('scan', (s) => out(`${s.code}${s.symbology ? `\t${s.symbology}` : ''}`));
  return new Promise((resolve) => {
    process.once('SIGINT', () => void driver.stop().then(() => resolve(0)));
    process.once('SIGTERM', () => void driver.stop().then(() => resolve(0)));
    driver.start();
  });
}

export async function main(argv: string[]): Promise<number> {
  configureLogging({ level: process.env.PACKLINE_LOG ?? 'error' });
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'list':
        return await list();
      case 'scale':
        return await scale(rest);
      case 'print':
        return await print(rest);
      case 'scan':
        return await scan(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      err(`${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if ((e as { name?: string }).name === 'AppError') {
      err((e as Error).message);
      return 2;
    }
    err(`failed: ${(e as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
