import { routes, type RouteName, type RouteInput } from './api';
import { routePath } from './routing';

// How a named route becomes an HTTP request. The renderer and the station's core client both use
// it, so paths, methods and bodies come from the one route table.

export type CallArgs<K extends RouteName> = Partial<{
  params: Record<string, string>;
  query: Record<string, string | number | undefined>;
  body: RouteInput<K>['body'];
  /** Idempotency-Key for routes that take one */
  idempotencyKey: string;
}>;

/** The URL of a named route: also what an <img src> or a download link of a binary route uses (the session cookie authenticates it). */
export function routeUrl<K extends RouteName>(name: K, args: Pick<CallArgs<K>, 'params' | 'query'> = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query ?? {})) if (v !== undefined && v !== '') qs.set(k, String(v));
  return routePath(routes[name].path, args.params) + (qs.size ? `?${qs}` : '');
}

export function requestFor<K extends RouteName>(name: K, args: CallArgs<K>, token: string | null): { url: string; init: RequestInit } {
  const def = routes[name];
  const url = routeUrl(name, args);
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (args.idempotencyKey) headers['Idempotency-Key'] = args.idempotencyKey;
  let body: string | undefined;
  if ('body' in def) {
    const text = 'bodyKind' in def && def.bodyKind === 'text';
    headers['Content-Type'] = text ? 'text/csv' : 'application/json';
    body = text ? (args.body as unknown as string) : JSON.stringify(args.body ?? {});
  }
  return { url, init: { method: def.method, headers, body } };
}
