import { z } from 'zod';
import { line } from './common';
import { DEFAULT_PICK_PATH, PickPathInput, PickPathSettings } from './locations';
import { ADMIN, ALL, type RouteDef } from './routing';

// The shop's settings.

/** Cut-off per carrier, local wall time "HH:MM". */
export const CarrierCutoffs = z.record(z.string().min(1).max(32), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM, e.g. 17:30'));
export type CarrierCutoffs = z.infer<typeof CarrierCutoffs>;

export const Settings = z.object({
  inboundCoefficient: z.number().min(0).max(1).describe('Share of in-transit stock counted as available'),
  requirePin: z.boolean(),
  weightToleranceG: z.number().int().min(0).max(100_000),
  weightTolerancePct: z.number().min(0).max(100),
  autoAllocate: z.boolean().describe('Reserve stock as soon as an order arrives'),
  shopName: z.string().max(100),
  sender: z.object({ name: z.string(), phone: z.string(), address: z.string() }),
  carrierCutoffs: CarrierCutoffs.describe('last hand-over time per carrier code, local time'),
  pickPath: PickPathSettings,
});
export type Settings = z.infer<typeof Settings>;

/**
 * Settings as an admin changes them: the text is clean and capped, the walking-path pattern safe to
 * run. Stored settings are read with the looser Settings, so a value saved by an older version
 * never makes the settings unreadable.
 */
export const SettingsInput = Settings.extend({
  shopName: line(100),
  sender: z.object({ name: line(100), phone: line(30), address: line(300) }),
  pickPath: PickPathInput,
}).partial();

export const DEFAULT_SETTINGS: Settings = {
  inboundCoefficient: 0,
  requirePin: false,
  weightToleranceG: 50,
  weightTolerancePct: 5,
  autoAllocate: true,
  shopName: 'Packline shop',
  sender: { name: '', phone: '', address: '' },
  carrierCutoffs: {},
  pickPath: DEFAULT_PICK_PATH,
};

export const settingsRoutes = {
  getSettings: { method: 'GET', path: '/api/settings', summary: 'Shop settings', roles: ALL, response: Settings, tag: 'settings' },
  putSettings: { method: 'PUT', path: '/api/settings', summary: 'Change shop settings (audited)', roles: ADMIN, body: SettingsInput, response: Settings, tag: 'settings' },
} as const satisfies Record<string, RouteDef>;
