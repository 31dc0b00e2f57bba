import { routes, type RouteName } from '../../contract/api';
import { type RouteDef } from '../../contract/routing';

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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Static segments beat parameters: "/api/orders/bulk" must not match "/api/orders/:id".
// A path's literal text matches only itself ("/api/openapi.json" is not "/api/openapiXjson").
const compiled: Compiled[] = (Object.entries(routes) as [RouteName, RouteDef][])
  .map(([name, def]) => {
    const keys: string[] = [];
    const re = new RegExp(
      '^' + escapeRegExp(def.path).replace(/:(\w+)/g, (_m, k: string) => (keys.push(k), '([^/]+)')) + '$',
    );
    return { name, def, re, keys };
  })
  .sort((a, b) => a.keys.length - b.keys.length);

// Per method: paths without parameters in a map, the rest in the order above. A request looks only
// at its own method's routes (one map look-up for most); the others are read to answer a 405.
const byMethod = new Map<string, { statics: Map<string, Compiled>; patterns: Compiled[] }>();
for (const c of compiled) {
  let own = byMethod.get(c.def.method);
  if (!own) byMethod.set(c.def.method, (own = { statics: new Map(), patterns: [] }));
  if (c.keys.length > 0) own.patterns.push(c);
  else if (!own.statics.has(c.def.path)) own.statics.set(c.def.path, c); // the first of two alike wins, as in a scan
}

function paramsOf(c: Compiled, m: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  c.keys.forEach((k, i) => {
    try {
      params[k] = decodeURIComponent(m[i + 1]!);
    } catch {
      params[k] = m[i + 1]!;
    }
  });
  return params;
}

/** Finds the route for a method and path; `allowed` lists the methods when only the path matched. */
export function matchRoute(method: string, path: string): { match?: Match; allowed?: string[] } {
  const own = byMethod.get(method);
  const hit = own?.statics.get(path);
  if (hit) return { match: { name: hit.name, def: hit.def, params: {} } };
  for (const c of own?.patterns ?? []) {
    const m = c.re.exec(path);
    if (m) return { match: { name: c.name, def: c.def, params: paramsOf(c, m) } };
  }
  return { allowed: compiled.filter((c) => c.def.method !== method && c.re.test(path)).map((c) => c.def.method) };
}
