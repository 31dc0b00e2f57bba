// Device addresses: the parser lives in the contract (the Devices screen checks addresses with the
// same code); here a refused address becomes AppError('validation').
import { AddressError, DEFAULT_SERIAL, readAddress, type DeviceAddress, type SerialSettings } from '../contract/device-address';
import { AppError } from '../lib/errors';

export { formatAddress, DEFAULT_SERIAL, type DeviceAddress, type SerialSettings, type Parity } from '../contract/device-address';

/** Parses an address; throws AppError('validation') naming what is wrong. */
export function parseAddress(input: string): DeviceAddress {
  try {
    return readAddress(input);
  } catch (e) {
    if (e instanceof AddressError) throw new AppError('validation', e.message, [{ path: 'address', message: e.what }]);
    throw e;
  }
}

/** Accepts a bare port path (what a technician types) as a serial address. */
export function parseAddressOrPort(input: string, serialDefaults: Partial<SerialSettings> = {}): DeviceAddress {
  const t = input.trim();
  // an absolute path (/dev/ttyUSB0, a socat link) or a Windows COM port
  if (t.startsWith('/') || /^COM\d+$/i.test(t)) return { kind: 'serial', path: t, ...DEFAULT_SERIAL, ...serialDefaults };
  return parseAddress(t);
}
