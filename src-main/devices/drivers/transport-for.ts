// Picks the byte transport for an address (scales and scanners).
import type { DeviceAddress } from '../address';
import type { ByteTransport } from '../transports/transport';
import { SerialTransport } from '../transports/serial';
import { HidTransport } from '../transports/hid';
import { TcpTransport } from '../transports/tcp';
import { AppError } from '../../lib/errors';
import { formatAddress } from '../address';

export function transportFor(addr: DeviceAddress): ByteTransport {
  switch (addr.kind) {
    case 'serial':
      return new SerialTransport(addr.path, addr);
    case 'hid':
      return new HidTransport(addr.vendorId, addr.productId, addr.path);
    case 'tcp':
      return new TcpTransport(addr.host, addr.port);
    default:
      throw new AppError('validation', `${formatAddress(addr)}: scales and scanners connect over serial:, hid: or tcp://, not ${addr.kind}:`);
  }
}
