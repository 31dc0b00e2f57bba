// Unit conversion to integer grams, shared by every scale codec.

export const GRAMS_PER_UNIT: Record<string, number> = {
  mg: 0.001,
  g: 1,
  kg: 1000,
  ct: 0.2,
  tael: 37.79936375, // Hong Kong tael, what Chinese bench scales mean by it
  gr: 0.06479891,
  dwt: 1.55517384,
  t: 1_000_000,
  ton: 907_184.74, // US short ton
  ozt: 31.1034768,
  oz: 28.349523125,
  lb: 453.59237,
};

const ALIASES: Record<string, string> = { lbs: 'lb', taels: 'tael', gram: 'g', grams: 'g', kgs: 'kg', ozs: 'oz', gn: 'gr' };

export function normaliseUnit(unit: string): string | undefined {
  const u = unit.trim().toLowerCase();
  const n = ALIASES[u] ?? u;
  return n in GRAMS_PER_UNIT ? n : undefined;
}

/** Converts a value in a known unit to integer grams; undefined for an unknown unit. */
export function toGrams(value: number, unit: string): number | undefined {
  const u = normaliseUnit(unit);
  if (u === undefined || !Number.isFinite(value)) return undefined;
  // round half away from zero so -12.5 g and 12.5 g differ only in sign
  const x = value * GRAMS_PER_UNIT[u]!;
  const g = Math.sign(x) * Math.round(Math.abs(x));
  return Object.is(g, -0) ? 0 : g;
}
