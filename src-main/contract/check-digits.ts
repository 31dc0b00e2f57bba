// Check-digit schemes for waybill numbers (LABELS.md "Waybill numbers"). Pure and platform-neutral:
// the core allocates with them, the station and the UI validate a scanned or typed number with them.

export const CHECK_SCHEMES = ['s10', 'mod10', 'mod11', 'none'] as const;
export type CheckScheme = (typeof CHECK_SCHEMES)[number];

const digitsOnly = (s: string) => /^\d+$/.test(s);

/** UPU S10 check digit over the 8-digit serial: weights 8,6,4,2,3,5,9,7; 10 -> 0, 11 -> 5. */
export function s10CheckDigit(serial8: string): number {
  if (serial8.length !== 8 || !digitsOnly(serial8)) throw new Error(`S10 serial must be 8 digits, got "${serial8}"`);
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(serial8[i]), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** GS1 mod-10 (SSCC, GTIN, GLN): weights 3,1,3,1... from the rightmost data digit. */
export function gs1CheckDigit(data: string): number {
  if (!digitsOnly(data)) throw new Error(`GS1 data must be digits, got "${data}"`);
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += Number(data[data.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/**
 * Mod-11 with weights 2..7 repeating from the right (the common carrier variant).
 * Remainder 0 -> 0, 1 -> 0 (no "X": waybill barcodes stay numeric), else 11 - remainder.
 */
export function mod11CheckDigit(data: string): number {
  if (!digitsOnly(data)) throw new Error(`mod-11 data must be digits, got "${data}"`);
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += Number(data[data.length - 1 - i]) * (2 + (i % 6));
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/** A full S10 number: prefix (2 letters) + serial (8 digits) + check + country (2 letters). */
export function s10Number(prefix: string, serial: number, country: string): string {
  const s = String(serial).padStart(8, '0');
  if (!/^[A-Z]{2}$/.test(prefix) || !/^[A-Z]{2}$/.test(country)) throw new Error('S10 prefix and country are two capital letters');
  return `${prefix}${s}${s10CheckDigit(s)}${country}`;
}

/** Formats a serial into a waybill number under a scheme; `width` zero-pads the serial. */
export function formatWaybill(opts: { scheme: CheckScheme; serial: number; width: number; prefix?: string; suffix?: string }): string {
  const { scheme, serial, width, prefix = '', suffix = '' } = opts;
  if (scheme === 's10') return s10Number(prefix, serial, suffix);
  const body = String(serial).padStart(width, '0');
  const check = scheme === 'mod10' ? String(gs1CheckDigit(body)) : scheme === 'mod11' ? String(mod11CheckDigit(body)) : '';
  return `${prefix}${body}${check}${suffix}`;
}

/** True when a number carries a valid check digit for its scheme (used on scan and on import). */
export function isValidWaybill(scheme: CheckScheme, value: string, opts: { prefix?: string; suffix?: string } = {}): boolean {
  const { prefix = '', suffix = '' } = opts;
  if (scheme === 's10') {
    const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(value);
    return !!m && s10CheckDigit(m[2]!) === Number(m[3]);
  }
  if (!value.startsWith(prefix) || !value.endsWith(suffix)) return false;
  const core = value.slice(prefix.length, value.length - suffix.length);
  if (scheme === 'none') return core.length > 0;
  if (!digitsOnly(core) || core.length < 2) return false;
  const body = core.slice(0, -1);
  const check = Number(core.slice(-1));
  return scheme === 'mod10' ? gs1CheckDigit(body) === check : mod11CheckDigit(body) === check;
}

/** SSCC-18: extension digit + company prefix + serial (17 digits) + GS1 check digit. */
export function sscc18(data17: string): string {
  if (data17.length !== 17 || !digitsOnly(data17)) throw new Error(`SSCC needs 17 data digits, got "${data17}"`);
  return data17 + String(gs1CheckDigit(data17));
}
