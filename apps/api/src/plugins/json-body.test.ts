import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsPlugin } from './errors';
import { findLoneSurrogate, jsonBodyPlugin } from './json-body';

/** RELIABILITY I1, the shared net: whatever a route's schema forgets, a lone surrogate never reaches the DB. */
const app = Fastify();
beforeAll(async () => {
  await app.register(errorsPlugin);
  await app.register(jsonBodyPlugin);
  // No schema at all: the case of a field a contract forgot.
  app.post('/echo', async (req) => ({ body: req.body }));
  app.post('/store', async () => {
    throw Object.assign(new Error("Incorrect string value: '\\xED\\xA0\\x80x' for column 'name'"), {
      code: 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD',
    });
  });
  await app.ready();
});
afterAll(async () => app.close());

const post = (url: string, payload: string) =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json; charset=utf-8' }, payload });

describe('JSON body guard', () => {
  it.each([
    ['a nested lone high surrogate', '{"a":{"b":["ok","bad\\ud800x"]}}', 'body.a.b.1'],
    ['a lone low surrogate', '{"name":"x\\uDC00"}', 'body.name'],
    ['a surrogate pair cut in the wrong order', '{"note":"\\ude00\\ud83d"}', 'body.note'],
    ['a lone surrogate in a key', '{"\\ud800":1}', 'body.\ud800'],
  ])('answers %s with a 400 naming where it is', async (_what, payload, path) => {
    const res = await post('/echo', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      success: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ path }] } },
    });
  });

  it('keeps escaped surrogate pairs (emoji) and plain bodies', async () => {
    const res = await post('/echo', '{"name":"Sales \\ud83c\\udfa7","n":[1,"x"]}');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ body: { name: 'Sales 🎧', n: [1, 'x'] } });
  });

  it('still refuses malformed JSON, empty bodies and prototype poisoning', async () => {
    for (const payload of ['{"a":', '', '{"__proto__":{"x":1}}']) {
      const res = await post('/echo', payload);
      expect(res.statusCode, payload).toBe(400);
      expect(res.json()).toMatchObject({ success: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('maps MariaDB "Incorrect string value" to a 400, not a 500', async () => {
    const res = await post('/store', '{"name":"x"}');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ success: false, error: { code: 'BAD_REQUEST' } });
  });

  it('finds the path of the first ill-formed string', () => {
    expect(findLoneSurrogate({ a: ['ok', { b: 'x\ud800' }] })).toEqual(['a', '1', 'b']);
    expect(findLoneSurrogate({ a: '😀', b: [null, 1, true] })).toBeNull();
  });
});
