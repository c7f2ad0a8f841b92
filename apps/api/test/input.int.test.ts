import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import {
  bearer,
  createPlatformAdmin,
  createTestApp,
  createTestTenant,
  login,
  type TestTenant,
} from './helpers';
import {
  hostileStrings,
  hostileValues,
  isConstrainedString,
  randomBodies,
  sampleFor,
  stringSlots,
  type JsonSchema,
} from './openapi-samples';

/**
 * RELIABILITY I1 and I4, driven by the generated OpenAPI document: every route with a JSON body
 * gets random and mutated bodies with a token that passes its access check. Never a 5xx; unknown
 * fields (and `tenant_id`, `role`, `id` smuggled into a body) are refused with 400.
 */
type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
type FuzzRoute = { method: string; path: string; url: string; schema: JsonSchema; platform: boolean };

const t = await createTestApp();
const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
  paths: Record<string, Record<string, Operation>>;
};
const accessByKey = new Map(
  t.app.routeTable.map((r) => [`${r.method} ${r.url}`, r.access as Record<string, unknown>]),
);
const routes: FuzzRoute[] = [];
for (const [path, operations] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(operations)) {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (!schema) continue;
    const fastifyPath = path.replace(/\{([^}]+)\}/g, ':$1');
    const access = accessByKey.get(`${method.toUpperCase()} ${fastifyPath}`);
    routes.push({
      method: method.toUpperCase(),
      path,
      url: path.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000001'),
      schema,
      platform: access?.platform === true,
    });
  }
}

const SMUGGLED = ['tenant_id', 'role', 'id'];
const RANDOM_RUNS = 12;

let tenant: TestTenant;
let operator: { email: string; token: string };
beforeAll(async () => {
  tenant = await createTestTenant(t.app);
  operator = await createPlatformAdmin(t.app);
}, 60_000);
afterAll(async () => t.close());

/** Sends a body with the right token; signs in again once if an earlier call ended the session. */
async function send(route: FuzzRoute, payload: unknown) {
  const who = route.platform ? operator : tenant.admin;
  const call = () =>
    t.app.inject({
      method: route.method as 'POST',
      url: route.url,
      headers: { ...bearer(who.token), 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
  let res = await call();
  if (res.statusCode === 401 && !route.path.startsWith('/api/v1/auth/')) {
    who.token = await login(t.app, who.email);
    res = await call();
  }
  return res;
}

/**
 * The tests run without a PBX, so a body that passes validation on a call-control route may get
 * the documented "telephony unavailable" answer. That is a dependency state, not a crash.
 */
function isDependencyDown(res: { statusCode: number; body: string }): boolean {
  if (res.statusCode !== 503) return false;
  try {
    return (JSON.parse(res.body) as { error?: { code?: string } }).error?.code === 'TELEPHONY_UNAVAILABLE';
  } catch {
    return false;
  }
}

/** The object form of a body schema (`{…} | null` bodies are fuzzed through their object branch). */
function objectSchema(s: JsonSchema): JsonSchema | null {
  if (s.type === 'object' || s.properties) return s;
  return (s.anyOf ?? s.oneOf ?? []).find((a) => a.type === 'object' || a.properties) ?? null;
}

describe('I1: fuzzed JSON bodies', () => {
  it('finds JSON-body routes in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(0);
  });

  for (const route of routes) {
    it(`${route.method} ${route.path}`, async () => {
      const serverErrors: string[] = [];
      const record = (label: string, res: { statusCode: number; body: string }) => {
        if (res.statusCode < 500 || isDependencyDown(res)) return;
        serverErrors.push(`${label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      };
      const obj = objectSchema(route.schema);
      if (obj) expect(obj.additionalProperties, 'body schema must be .strict()').toBe(false);

      for (const body of randomBodies(RANDOM_RUNS))
        record(`random ${JSON.stringify(body).slice(0, 80)}`, await send(route, body));

      if (!obj) return void expect(serverErrors).toEqual([]);
      const base = sampleFor(obj) as Record<string, unknown>;
      for (const field of Object.keys(obj.properties ?? {})) {
        for (const value of hostileValues) {
          record(
            `${field}=${JSON.stringify(value).slice(0, 40)}`,
            await send(route, { ...base, [field]: value }),
          );
        }
      }

      const declared = new Set(Object.keys(obj.properties ?? {}));
      if (declared.has('tenant_id')) {
        expect(route.platform, 'only platform routes may take a tenant id in the body').toBe(true);
      }
      for (const key of ['zz_unknown_field', ...SMUGGLED.filter((k) => !declared.has(k))]) {
        const value = key === 'role' ? 'admin' : key === 'zz_unknown_field' ? 'x' : tenant.tenantId;
        const res = await send(route, { ...base, [key]: value });
        record(`smuggled ${key}`, res);
        expect(res.statusCode, `${key} in the body must be refused: ${res.body.slice(0, 200)}`).toBe(400);
        expect(res.body, `the 400 for ${key} names the field`).toContain(key);
      }
      expect(serverErrors).toEqual([]);
    });
  }
});

/** A field whose name says it holds a name or free text; it must use the contracts' text rule. */
const NAME_LIKE = /(^|_)(name|names|label|description|note|notes|title|subject|body|reason|comment|message|prefix)$/;

describe('I1: hostile text in every string field of every body', () => {
  for (const route of routes) {
    const slots = stringSlots(route.schema);
    if (!slots.length) continue;
    it(`${route.method} ${route.path}`, async () => {
      const problems: string[] = [];
      for (const slot of slots) {
        const kind = slot.schema['x-text'];
        const nameLike = kind === 'single-line' || kind === 'multi-line';
        const leafKey = slot.path.split('.').filter((k) => !/^\d+$/.test(k)).pop() ?? '';
        if (!kind && !isConstrainedString(slot.schema)) {
          problems.push(`${slot.path}: a free string without the contracts' text rule (x-text)`);
        }
        if (NAME_LIKE.test(leafKey) && !nameLike && !isConstrainedString(slot.schema)) {
          problems.push(`${slot.path}: a name-like field must use singleLineText/multiLineText`);
        }
        for (const [what, value] of hostileStrings) {
          const res = await send(route, slot.body(value));
          if (res.statusCode >= 500 && !isDependencyDown(res)) {
            problems.push(`${slot.path} with ${what} → ${res.statusCode} ${res.body.slice(0, 160)}`);
          } else if (nameLike && (res.statusCode !== 400 || !res.body.includes(`body.${slot.path}`))) {
            problems.push(`${slot.path} with ${what} → ${res.statusCode}, not a 400 naming it: ${res.body.slice(0, 160)}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('I4 and malformed requests', () => {
  const loginUrl = '/api/v1/auth/login';
  const fiveMb = 5 * 1024 * 1024;

  function streamedBody(bytes: number) {
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    return new Readable({
      read() {
        if (sent === 0) this.push('{"email":"');
        if (sent >= bytes) return void this.push(null);
        sent += chunk.length;
        this.push(chunk);
      },
    });
  }

  it('answers a 5 MB body with 413 and the error envelope (with and without a length)', async () => {
    const big = JSON.stringify({ email: 'a'.repeat(fiveMb), password: 'x' });
    const withLength = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    const chunked = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      headers: { 'content-type': 'application/json' },
      payload: streamedBody(fiveMb),
    });
    for (const res of [withLength, chunked]) {
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({
        success: false,
        error: { code: 'PAYLOAD_TOO_LARGE' },
        meta: { request_id: expect.any(String) },
      });
    }
  });

  it('keeps memory flat across many oversized bodies', async () => {
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: loginUrl,
        headers: { 'content-type': 'application/json' },
        payload: streamedBody(fiveMb),
      });
      expect(res.statusCode).toBe(413);
    }
    const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    // 20 × 5 MB = 100 MB offered; buffering even half of it would show here.
    expect(grownMb).toBeLessThan(50);
  });

  it.each([
    ['{"email": "a@b.c", ', 'truncated JSON'],
    ['{email: 1}', 'unquoted key'],
    ['', 'empty body'],
  ])('answers malformed JSON (%s) with a 400 envelope', async (payload, _what) => {
    const res = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      success: false,
      error: { code: expect.any(String) },
      meta: { request_id: expect.any(String) },
    });
  });

  it.each([
    ['/api/v1/users/%E0%A4%A', 400, 'badly encoded id'],
    ['/api/v1/users/%zz', 400, 'invalid escape'],
    [`/api/v1/users/${'a'.repeat(5000)}`, 414, '5000-character id'],
    [`/api/v1/queues/${'b'.repeat(200)}/members`, 414, 'over-long id before a sub-path'],
  ])('answers %s with the error envelope (%s, %s)', async (url, status, _what) => {
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(tenant.admin.token) });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.json()).toMatchObject({
      success: false,
      error: { code: 'BAD_REQUEST', message: expect.any(String) },
      meta: { request_id: res.headers['x-request-id'] },
    });
    expect(res.body).not.toContain('FST_ERR');
  });

  it('answers a lone surrogate in a JSON body with a 400 naming the field, even where no schema looks', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"a@b.c","password":"x","zz":{"deep":["bad\\ud800x"]}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ success: false, error: { code: 'VALIDATION_FAILED' } });
    expect(res.body).toContain('body.zz.deep.0');
  });

  it('answers an unsupported content type with a 4xx envelope', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: loginUrl,
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json()).toMatchObject({ success: false, error: { code: expect.any(String) } });
  });
});
