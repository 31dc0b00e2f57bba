// GET /api/openapi.json: an OpenAPI 3 document generated from the route table, listing every route.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { routes } from '../../../src-main/contract/api';
import { type RouteDef } from '../../../src-main/contract/routing';
import { startCore, type TestServer } from '../helpers';

let s: TestServer;
let doc: any;
beforeAll(async () => {
  s = await startCore();
  const r = await s.api('GET', '/api/openapi.json');
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/application\/json/);
  doc = r.body;
});
afterAll(() => s.close());

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const toOpenApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

describe('OpenAPI document', () => {
  it('is public and looks like OpenAPI 3', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(typeof doc.paths).toBe('object');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists every route of the route table (method + path), and nothing else', () => {
    const expected = (Object.values(routes) as RouteDef[]).map((d) => `${d.method.toLowerCase()} ${toOpenApiPath(d.path)}`).sort();
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort();
    expect(listed).toEqual(expected);
  });

  it('gives every operation a unique operationId, responses, and declared path parameters', () => {
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      expect(path.startsWith('/')).toBe(true);
      for (const [method, op] of Object.entries(ops)) {
        expect(METHODS).toContain(method);
        expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const [code, resp] of Object.entries(op.responses as Record<string, any>)) {
          expect(code).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
          expect(resp.description).toEqual(expect.any(String));
        }
        const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
        expect(declared.sort(), `${method} ${path}`).toEqual(inPath.sort());
        for (const p of op.parameters ?? []) expect(['path', 'query', 'header', 'cookie']).toContain(p.in);
      }
    }
    expect(ids.size).toBe(Object.keys(routes).length);
  });

  it('describes request bodies from the zod schemas, and the Idempotency-Key', () => {
    const create = doc.paths['/api/orders'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['channel', 'externalId', 'shipTo', 'lines']));
    expect(create.parameters.map((p: any) => p.name)).toContain('Idempotency-Key');
    expect(doc.paths['/api/imports/csv'].post.requestBody.content['text/csv']).toBeDefined();
    expect(doc.paths['/api/orders/{id}/actions/{action}'].post.parameters.find((p: any) => p.name === 'action').schema.enum).toContain('cancel');
    // protected routes say how to authenticate; public ones do not
    expect(create.security.length).toBeGreaterThan(0);
    expect(doc.paths['/api/health'].get.security).toEqual([]);
  });

  it('describes a binary response by its content types, not as JSON', () => {
    const preview = doc.paths['/api/labels/templates/{name}/preview'].get;
    expect(Object.keys(preview.responses['200'].content)).toEqual(['image/png', 'application/pdf', 'text/plain', 'application/x-tspl']);
    expect(preview.parameters.find((p: any) => p.name === 'format').schema.enum).toEqual(['zpl', 'tspl', 'pdf', 'png']);
    expect(doc.paths['/api/waybill-ranges'].post.requestBody.content['application/json'].schema.properties.scheme.enum).toEqual(['s10', 'mod10', 'mod11', 'none']);
  });
});
