import { z } from 'zod';
import { Currency, line } from './common';
import { Role } from './people';
import { CarrierCutoffs, DEFAULT_PICK_PATH, PickPathInput, PickPathSettings } from './locations';
import { ADMIN, ALL, type RouteDef } from './routing';
import { said } from './field-messages';

// The shop's settings.

/** Cut-off per carrier, local wall time "HH:MM". */
// defined beside the warehouses (which override them per warehouse); settings import from there
export { CarrierCutoffs } from './locations';

/** The steps of the first-run setup (Setup page), in the order it walks them. */
export const SETUP_STEPS = ['shop', 'warehouse', 'carriers', 'waybills', 'printer', 'operator', 'testParcel'] as const;
export const SetupStep = z.enum(SETUP_STEPS);
export type SetupStep = z.infer<typeof SetupStep>;

/** A time zone the runtime knows (IANA name such as Asia/Shanghai). */
const knownTimeZone = (s: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: s });
    return true;
  } catch {
    return false;
  }
};

export const Settings = z.object({
  inboundCoefficient: z.number().min(0).max(1).describe('Share of in-transit stock counted as available'),
  requirePin: z.boolean().describe('every role types a PIN at login (see requirePinFor for some roles only)'),
  requirePinFor: z.array(Role).describe('roles that type a PIN at login'),
  weightToleranceG: z.number().int().min(0).max(100_000),
  weightTolerancePct: z.number().min(0).max(100),
  autoAllocate: z.boolean().describe('Reserve stock as soon as an order arrives'),
  shopName: z.string().max(100),
  sender: z.object({ name: z.string(), phone: z.string(), address: z.string() }),
  timeZone: z.string().describe('IANA time zone of the shop, e.g. Asia/Shanghai'),
  currency: z.string().describe('ISO 4217 currency of prices, e.g. CNY'),
  warehouse: z.object({ name: z.string(), address: z.string() }).describe('the first (only) warehouse: where parcels leave from'),
  setup: z.object({ open: z.boolean(), done: z.array(SetupStep) }).describe('first-run setup: shown to admins while open; the steps done so far'),
  carrierCutoffs: CarrierCutoffs.describe('last hand-over time per carrier code, local time'),
  pickPath: PickPathSettings,
});
export type Settings = z.infer<typeof Settings>;

/**
 * Settings as an admin changes them: the text is clean and capped, the walking-path pattern passes
 * the checks of its text (PUT /api/settings also times it on bin codes). Stored settings are read
 * with the looser Settings, so a value saved by an older version never makes the settings unreadable.
 */
export const SettingsInput = Settings.extend({
  shopName: line(100),
  sender: z.object({ name: line(100), phone: line(30), address: line(300) }),
  timeZone: z.string().max(64).refine(knownTimeZone, said('timeZone')),
  currency: Currency,
  warehouse: z.object({ name: line(100), address: line(300) }),
  pickPath: PickPathInput,
}).partial();

export const DEFAULT_SETTINGS: Settings = {
  inboundCoefficient: 0,
  requirePin: false,
  requirePinFor: [],
  weightToleranceG: 50,
  weightTolerancePct: 5,
  autoAllocate: true,
  shopName: 'Packline shop',
  sender: { name: '', phone: '', address: '' },
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  warehouse: { name: '', address: '' },
  // a shop from before the setup page has no stored value: nothing to set up; a new one opens it (bootstrap.ts)
  setup: { open: false, done: [] },
  carrierCutoffs: {},
  pickPath: DEFAULT_PICK_PATH,
};

/** Whether the shop asks this role for a PIN at login (every role, or the roles listed). */
export const pinRequiredFor = (s: Pick<Settings, 'requirePin' | 'requirePinFor'>, role: Role): boolean => s.requirePin || s.requirePinFor.includes(role);

export const settingsRoutes = {
  getSettings: { method: 'GET', path: '/api/settings', summary: 'Shop settings', roles: ALL, response: Settings, tag: 'settings' },
  putSettings: { method: 'PUT', path: '/api/settings', summary: 'Change shop settings (audited)', roles: ADMIN, body: SettingsInput, response: Settings, tag: 'settings' },
} as const satisfies Record<string, RouteDef>;
