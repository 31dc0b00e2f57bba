import { routes, type RouteDef, type RouteName } from '../../contract/api';

export interface Match {
  name: RouteName;
  def: RouteDef;
  params: Record<string, string>;
}

interface Compiled {
  name: RouteName;
  def: RouteDef;
  re: RegExp;
  keys: string[];
}

// Static segments beat parameters: "/api/orders/bulk" must not match "/api/orders/:id".
const compiled: Compiled[] = (Object.entries(routes) as [RouteName, RouteDef][])
  .map(([name, def]) => {
    const keys: string[] = [];
    const re = new RegExp(
      '^' + def.path.replace(/:(\w+)/g, (_m, k: string) => (keys.push(k), '([^/]+)')) + '$',
    );
    return { name, def, re, keys };
  })
  .sort((a, b) => a.keys.length - b.keys.length);

// A path without parameters is found by one map look-up (the regex scan below tries every route).
// Same answer as the scan: static routes come first there, and at most one has a method and path.
const staticMatches = new Map<string, { match: Match }>();
for (const c of compiled) {
  const key = `${c.def.method} ${c.def.path}`;
  if (c.keys.length === 0 && !staticMatches.has(key)) staticMatches.set(key, { match: { name: c.name, def: c.def, params: {} } });
}

/** Finds the route for a method and path; `allowed` lists the methods when only the path matched. */
export function matchRoute(method: string, path: string): { match?: Match; allowed?: string[] } {
  const hit = staticMatches.get(`${method} ${path}`);
  if (hit) return { match: { ...hit.match, params: {} } };
  const allowed: string[] = [];
  for (const c of compiled) {
    const m = c.re.exec(path);
    if (!m) continue;
    if (c.def.method !== method) {
      allowed.push(c.def.method);
      continue;
    }
    const params: Record<string, string> = {};
    c.keys.forEach((k, i) => {
      try {
        params[k] = decodeURIComponent(m[i + 1]!);
      } catch {
        params[k] = m[i + 1]!;
      }
    });
    return { match: { name: c.name, def: c.def, params } };
  }
  return { allowed };
}
