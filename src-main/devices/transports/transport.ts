// A byte stream to a device: serial port, HID device, TCP socket. Drivers sit on top.
import { Emitter } from '../events';

export type TransportEvents = {
  data: [Uint8Array];
  /** the device went away (unplugged, connection dropped); `reason` says why in words */
  close: [reason: string];
};

export abstract class ByteTransport extends Emitter<TransportEvents> {
  abstract readonly description: string;
  abstract open(): Promise<void>;
  abstract write(bytes: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;
}

/** A failure a person can act on; `permanent` means retrying will not help until they act. */
export class DeviceError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}
