// Label data: what a template's {{placeholders}} read. Built from an order + parcel (or a wave for
// pick lists); masked fields are derived here so no template can print a full phone number by accident.
import { maskAddressLine, maskName, maskPhone } from '../contract/privacy';
import { LabelData, type LabelDataInput, type Party } from '../contract/labels';
import { AppError } from '../lib/errors';


/** A flat lookup of every printable field, derived fields included. */
export type FieldBag = { get(path: string): unknown; what: string };

function partyFields(p: Party | undefined): Record<string, string> | undefined {
  if (!p) return undefined;
  const lines = [p.address1, p.address2].filter((l): l is string => !!l);
  const region = [p.province, p.city, p.district].filter(Boolean).join(' ');
  const fields: Record<string, string> = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v ?? '')]));
  // Derived fields are computed when a template reads them (a wave renders thousands).
  const lazy: Record<string, () => string> = {
    nameMasked: () => maskName(p.name),
    phoneMasked: () => (p.phone ? maskPhone(p.phone) : ''),
    region: () => region,
    street: () => lines.join(' '),
    streetMasked: () => lines.map(maskAddressLine).join(' '),
    address: () => [region, lines.join(' ')].filter(Boolean).join(' '),
    addressMasked: () => [region, ...lines.map(maskAddressLine)].filter(Boolean).join(' '),
  };
  for (const [k, f] of Object.entries(lazy)) Object.defineProperty(fields, k, { get: f, enumerable: true });
  return fields;
}

/** Validates label data and adds the derived fields templates use (masked parties, n/N, GS1 strings). */
export function fieldBag(input: LabelDataInput, what = `order ${input.order?.id ?? '?'}`): FieldBag {
  const parsed = LabelData.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation', `label data for ${what} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const d: LabelData = parsed.data;
  const units = d.items.reduce((n, i) => n + i.qty, 0);
  const root: Record<string, unknown> = {
    ...d,
    recipient: partyFields(d.recipient),
    sender: partyFields(d.sender),
    parcel: {
      ...d.parcel,
      ofN: `${d.parcel.index}/${d.parcel.count}`,
      weightKg: d.parcel.weightG === undefined ? undefined : (d.parcel.weightG / 1000).toFixed(2),
      ssccHri: d.parcel.sscc ? `(00)${d.parcel.sscc}` : undefined,
    },
    contents: d.items.map((i) => `${i.name} x${i.qty}`).join('; '),
    units: String(units),
    itemCount: String(d.items.length),
    pickUnits: String(d.picks.reduce((n, p) => n + p.qty, 0)),
    printedAt: d.printedAt ?? '',
  };
  return { what, get: (path) => lookup(root, path) };
}

/** Own fields only: a template naming {{constructor}} or {{__proto__}} must not reach Object's prototype. */
function lookup(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const PLACEHOLDER = /\{\{\s*([\w.]+)(\?)?\s*\}\}/g;

/** Fills {{field}} placeholders; a missing required field is an error naming the field and template. */
export function fillText(text: string, bag: FieldBag, template: string, row?: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_m, path: string, optional?: string) => {
    const v = row && Object.hasOwn(row, path) ? row[path] : bag.get(path);
    if (v === undefined || v === null || v === '') {
      if (optional) return '';
      throw new AppError('validation', `template "${template}" needs field "${path}", which ${bag.what} does not have`);
    }
    if (typeof v === 'object') throw new AppError('validation', `template "${template}": field "${path}" is a list or record, not text`);
    return String(v);
  });
}

/** True when the element's `when` field is present and non-empty. */
export function isPresent(path: string | undefined, bag: FieldBag): boolean {
  if (!path) return true;
  const v = bag.get(path);
  return !(v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0));
}
