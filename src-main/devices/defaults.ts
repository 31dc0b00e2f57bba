// Options objects often carry `key: undefined` (from optional settings); a plain spread would let
// that undefined override the default. Merge only the keys that have a value.

export function withDefaults<T extends object>(defaults: T, given: { [K in keyof T]?: T[K] | undefined } | undefined): T {
  const out = { ...defaults };
  if (given) for (const [k, v] of Object.entries(given)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
