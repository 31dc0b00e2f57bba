import { z } from 'zod';

// Device methods and events of the StationBridge (see station.ts). The Devices screen uses them.

export const DeviceRole = z.enum(['scanner', 'scale', 'labelPrinter', 'documentPrinter']);
export const DriverState = z.object({
  status: z.enum(['connected', 'waiting', 'disconnected', 'fault']),
  reason: z.string().optional().describe('what to do when not connected'),
  since: z.number(),
});
export const DeviceStatus = z.object({ role: DeviceRole, id: z.string(), name: z.string().optional(), address: z.string(), state: DriverState });
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const WeightReading = z.object({
  grams: z.number().int().nullable(),
  status: z.string(),
  stable: z.boolean(),
  at: z.number().describe('ms since epoch when the station received it'),
});
export type WeightReading = z.infer<typeof WeightReading>;

export const deviceMethods = {
  'devices.status': { summary: 'Configured devices and their state', params: z.object({}), result: z.object({ items: z.array(DeviceStatus) }) },
} as const;

export const DeviceEvent = z.union([
  z.object({ type: z.literal('devices.state'), device: DeviceStatus }),
  z.object({ type: z.literal('devices.weight'), reading: WeightReading }),
]);
export type DeviceEvent = z.infer<typeof DeviceEvent>;
