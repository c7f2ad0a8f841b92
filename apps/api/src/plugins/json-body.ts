import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { fieldError } from '../lib/app-error';

/** A `\uD800`–`\uDFFF` escape: the only way a JSON text can carry a lone surrogate (raw UTF-8 cannot). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /\p{Cs}/u;

/** The dotted path of the first string (value or key) in `value` that is not well-formed Unicode. */
export function findLoneSurrogate(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findLoneSurrogate(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return [...path, key];
      const found = findLoneSurrogate(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The JSON body parser with one more guard (RELIABILITY I1): a lone UTF-16 surrogate anywhere in
 * the body is a 400 naming where it is, whatever the route's schema says, so a field a contract
 * forgot cannot reach MariaDB (which refuses it with "Incorrect string value", a 500). Bodies
 * without a surrogate escape, nearly all of them, skip the walk.
 */
export const jsonBodyPlugin = fp(async (app: FastifyInstance) => {
  const parseJson = app.getDefaultJsonParser('error', 'error') as (
    req: unknown,
    body: string,
    done: (err: Error | null, value?: unknown) => void,
  ) => void;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, raw, done) => {
    const body = typeof raw === 'string' ? raw : raw.toString('utf8');
    parseJson(req, body, (err, value) => {
      if (err) return done(err, undefined);
      if (SURROGATE_ESCAPE.test(body)) {
        const at = findLoneSurrogate(value);
        if (at) return done(fieldError(['body', ...at].join('.'), 'Must be valid Unicode text (lone surrogate)'), undefined);
      }
      done(null, value);
    });
  });
});
