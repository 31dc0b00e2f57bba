// Device role assignment, saved as JSON in the data folder (devices.json) and validated with zod.
import { z } from 'zod';
import { join } from 'node:path';
import { parseAddress } from './address';
import { AppError } from '../lib/errors';
import { readJsonFile, writeJsonFile } from '../lib/json-file';
import { SCALE_PROTOCOLS } from './drivers/scale-driver';

/** An address string that parseAddress accepts; the issue carries parseAddress's own words. */
const Address = z.string().superRefine((s, ctx) => {
  try {
    parseAddress(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
});

export const ScannerSetting = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only (it tags every scan)'),
  name: z.string().max(80).optional(),
  address: Address,
  /** serial scanners: lines start with an AIM id such as ]C0 */
  aimPrefix: z.boolean().optional(),
});

export const StabilitySetting = z.object({
  count: z.number().int().min(2).max(100),
  bandGrams: z.number().min(0).max(1000),
  minMs: z.number().int().min(0).max(10_000),
});

export const ScaleSetting = z.object({
  name: z.string().max(80).optional(),
  address: Address,
  protocol: z.enum(SCALE_PROTOCOLS),
  unit: z.enum(['kg', 'lb', 'g']).optional(),
  pollMs: z.number().int().min(20).max(5000).optional(),
  stability: StabilitySetting.optional(),
});

export const PrinterSetting = z.object({
  name: z.string().max(80).optional(),
  address: Address,
  language: z.enum(['zpl', 'tspl', 'epl', 'pdf', 'raw']),
  /** ask ~HS before each ZPL job (TCP and serial only) */
  statusCheck: z.boolean().default(true),
});

export const DeviceSettings = z.object({
  version: z.literal(1),
  scanners: z.array(ScannerSetting).max(16),
  scale: ScaleSetting.nullable(),
  labelPrinter: PrinterSetting.nullable(),
  documentPrinter: PrinterSetting.nullable(),
  /** keyboard-wedge timing, used by the renderer's WedgeDetector */
  wedge: z
    .object({ maxGapMs: z.number().min(5).max(1000), maxAvgGapMs: z.number().min(1).max(500), minLength: z.number().int().min(1).max(100), suffixKeys: z.array(z.enum(['Enter', 'Tab'])).min(1) })
    .partial()
    .optional(),
}).superRefine((s, ctx) => {
  const seen = new Set<string>();
  s.scanners.forEach((sc, i) => {
    if (seen.has(sc.id)) ctx.addIssue({ code: 'custom', path: ['scanners', i, 'id'], message: `scanner id "${sc.id}" is used twice` });
    seen.add(sc.id);
  });
  if (s.scale?.protocol === 'hid' && !s.scale.address.startsWith('hid:')) ctx.addIssue({ code: 'custom', path: ['scale', 'address'], message: 'protocol hid needs a hid: address such as hid:0922:8003' });
});

export type ScannerSetting = z.infer<typeof ScannerSetting>;
export type ScaleSetting = z.infer<typeof ScaleSetting>;
export type PrinterSetting = z.infer<typeof PrinterSetting>;
export type DeviceSettings = z.infer<typeof DeviceSettings>;

export const EMPTY_SETTINGS: DeviceSettings = { version: 1, scanners: [], scale: null, labelPrinter: null, documentPrinter: null };

export const settingsPath = (dataDir: string) => join(dataDir, 'devices.json');

export function loadDeviceSettings(dataDir: string): DeviceSettings {
  try {
    return readJsonFile(settingsPath(dataDir), DeviceSettings, EMPTY_SETTINGS);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('validation', `${settingsPath(dataDir)} is not valid JSON (${(e as Error).message}): fix it, or delete it and set the devices up again`);
  }
}

/** Validates (AppError 'validation' with field issues) and saves atomically. */
export function saveDeviceSettings(dataDir: string, input: unknown): DeviceSettings {
  const parsed = DeviceSettings.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('validation', `device settings not saved: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  writeJsonFile(settingsPath(dataDir), parsed.data);
  return parsed.data;
}
