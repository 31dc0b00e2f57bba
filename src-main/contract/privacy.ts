// Masking of personal data per GB/T 41833-2022 (LABELS.md): used on labels and on screens
// for roles that may not see more. Platform-neutral: the renderer uses it too.

/**
 * 13812345678 -> 138******78 (at least six digits hidden). Separators and a leading "+country"
 * stay as written, so "+86 138 1234 5678" -> "+86 138 **** **78", not a different-looking number.
 */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim();
  // A "+CC " or "00CC " prefix is not part of the number the masking rule counts.
  const cc = /^(\+|00)\d{1,3}[\s-]+/.exec(trimmed);
  const prefix = cc ? cc[0] : '';
  const rest = trimmed.slice(prefix.length);
  // A star counts as the digit it hides, so masking a masked number changes nothing: a label
  // rendered from label data masked for an operator prints what the full number prints.
  const digits = rest.replace(/[^\d*]/g, '');
  if (digits.length < 7) return prefix + '*'.repeat(Math.max(digits.length, 1));
  const keepHead = digits.length >= 11 ? 3 : 2;
  const keepTail = 2;
  const hidden = Math.max(6, digits.length - keepHead - keepTail);
  let i = 0;
  const masked = rest.replace(/[\d*]/g, (d) => (i++ >= keepHead && i <= keepHead + hidden ? '*' : d));
  return prefix + masked;
}

/** 张三丰 -> 张*丰, 李四 -> 李*, John Smith -> J*** Smith: at least one character hidden. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (/\s/.test(name.trim())) {
    const [first, ...rest] = name.trim().split(/\s+/);
    return `${first![0]}${'*'.repeat(Math.max(1, [...first!].length - 1))} ${rest.join(' ')}`;
  }
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** Hides the unit / room number: digits following the last building marker, or a trailing room number. */
export function maskAddressLine(line: string): string {
  // 3号楼2单元501室 -> 3号楼2单元***室 ; "Flat 12, 5 High St" -> "Flat **, 5 High St"
  const stars = (d: string) => '*'.repeat(d.length);
  let out = line.replace(/(\d+)(室|户|房)/g, (_m, d: string, s: string) => stars(d) + s);
  out = out.replace(/(单元|栋|幢)(\d+)(?!\d*(室|户|号楼))/g, (_m, s: string, d: string) => s + stars(d));
  // A room number written without 室 at the end: B座1203, 2号楼1102, 12-3-501.
  out = out.replace(/(座|号楼|楼|单元|栋|幢)([A-Za-z]?\d{2,5})\s*$/, (_m, s: string, d: string) => s + stars(d));
  out = out.replace(/(\d+-\d+-)(\d+)\s*$/, (_m, head: string, d: string) => head + stars(d));
  out = out.replace(/\b(Apt|Apartment|Flat|Unit|Room|Suite)\b\.?\s*([\w-]+)/gi, (_m, k: string, v: string) => `${k} ${stars(v)}`);
  out = out.replace(/(^|[\s,])#\s*([\w-]+)/g, (_m, pre: string, v: string) => `${pre}#${stars(v)}`);
  return out;
}
