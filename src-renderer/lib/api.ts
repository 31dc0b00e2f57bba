import { routes, routePath, type RouteName, type RouteInput, type RouteOutput } from '../../src-main/contract/api';
import type { ApiError } from '../../src-main/contract/errors';

// The one HTTP client: every call is named after a route of the contract, so paths, methods
// and types come from the same table the core validates with.

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly body: ApiError['error']) {
    super(body.message);
  }
}

let token: string | null = sessionStorage.getItem('pl_token');
export const setToken = (t: string | null) => {
  token = t;
  if (t) sessionStorage.setItem('pl_token', t);
  else sessionStorage.removeItem('pl_token');
};
export const hasToken = () => token !== null;

type Args<K extends RouteName> = Partial<{ params: Record<string, string>; query: Record<string, string | number | undefined>; body: RouteInput<K>['body'] }>;

export async function call<K extends RouteName>(name: K, args: Args<K> = {}): Promise<RouteOutput<K>> {
  const def = routes[name];
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query ?? {})) if (v !== undefined && v !== '') qs.set(k, String(v));
  const url = routePath(def.path, args.params) + (qs.size ? `?${qs}` : '');
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if ('body' in def) {
    if ('bodyKind' in def && def.bodyKind === 'text') {
      headers['Content-Type'] = 'text/csv';
      body = args.body as unknown as BodyInit;
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(args.body ?? {});
    }
  }
  const res = await fetch(url, { method: def.method, headers, body });
  const json = await res.json().catch(() => ({ error: { code: 'internal', message: `HTTP ${res.status}` } }));
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new Event('pl:logged-out'));
    throw new ApiFailure(res.status, (json as ApiError).error);
  }
  return json as RouteOutput<K>;
}
