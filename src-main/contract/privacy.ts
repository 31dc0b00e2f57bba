// Masking of personal data per GB/T 41833-2022 (LABELS.md): used on labels and on screens
// for roles that may not see more. Platform-neutral: the renderer uses it too.

/** 13812345678 -> 138******78 (at least six digits hidden). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(Math.max(digits.length, 1));
  const keepHead = digits.length >= 11 ? 3 : 2;
  const keepTail = 2;
  const hidden = Math.max(6, digits.length - keepHead - keepTail);
  return digits.slice(0, keepHead) + '*'.repeat(hidden) + digits.slice(keepHead + hidden);
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
  let out = line.replace(/(\d+)(室|户|房)/g, (_m, d: string, s: string) => '*'.repeat(d.length) + s);
  out = out.replace(/(单元|栋|幢)(\d+)(?!\d*(室|户|号楼))/g, (_m, s: string, d: string) => s + '*'.repeat(d.length));
  out = out.replace(/\b(Apt|Apartment|Flat|Unit|Room|Suite|#)\s*([\w-]+)/gi, (_m, k: string, v: string) => `${k} ${'*'.repeat(v.length)}`);
  return out;
}
