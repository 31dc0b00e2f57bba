import { z } from 'zod';
import { routes } from '../../contract/api';
import { type RouteDef } from '../../contract/routing';
import { ApiError } from '../../contract/errors';

/** OpenAPI 3.1 generated from the route table, the same zod schemas the server validates with. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  const errorResponse = { description: 'Refused; nothing was changed', content: { 'application/json': { schema: schema(ApiError, 'output') } } };
  for (const [name, def] of Object.entries(routes) as [string, RouteDef][]) {
    const path = def.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    if (def.params) {
      for (const [k, v] of Object.entries(def.params.shape)) parameters.push({ name: k, in: 'path', required: true, schema: schema(v as z.ZodType, 'input') });
    }
    if (def.query) {
      for (const [k, v] of Object.entries(def.query.shape)) {
        parameters.push({ name: k, in: 'query', required: !(v as z.ZodType).safeParse(undefined).success, schema: schema(v as z.ZodType, 'input') });
      }
    }
    if (def.idempotent) parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } });
    const op: Record<string, unknown> = {
      operationId: name,
      summary: def.summary,
      tags: [def.tag],
      parameters,
      security: def.roles === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
      ...(def.roles !== 'public' ? { 'x-roles': def.roles } : {}),
      responses: {
        [def.method === 'POST' && /^create/.test(name) ? '201' : '200']: def.stream
          ? { description: 'text/event-stream of change events', content: { 'text/event-stream': { schema: schema(def.response, 'output') } } }
          : def.responseKind === 'binary'
            ? { description: 'The file', content: Object.fromEntries((def.produces ?? ['application/octet-stream']).map((m) => [m, { schema: { type: 'string', contentMediaType: m } }])) }
            : { description: 'OK', content: { 'application/json': { schema: schema(def.response, 'output') } } },
        '4XX': errorResponse,
      },
    };
    if (def.body) {
      op.requestBody = {
        required: true,
        content: def.bodyKind === 'text'
          ? { 'text/csv': { schema: { type: 'string', description: 'CSV bytes, UTF-8 or GBK' } } }
          : { 'application/json': { schema: schema(def.body, 'input') } },
      };
    }
    (paths[path] ??= {})[def.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Packline order core', version, description: 'The order core of Packline: orders, catalog, stock, people, change feed.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/session or an API token' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'pl_session' },
      },
    },
    paths,
  };
}
