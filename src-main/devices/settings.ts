// Device role assignment, saved as JSON in the data folder (devices.json) and validated with zod.
// The schemas live in the contract: the Devices screen checks its form with the same ones.
import { join } from 'node:path';
import { DeviceSettings } from '../contract/devices';
import { AppError } from '../lib/errors';
import { readJsonFile, writeJsonFile } from '../lib/json-file';

export { ScannerSetting, StabilitySetting, ScaleSetting, PrinterSetting, DeviceSettings } from '../contract/devices';

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
