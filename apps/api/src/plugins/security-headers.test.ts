import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { securityHeadersPlugin, staticSecurityHeaders } from './security-headers';

describe('security headers computed once', () => {
  it('sets helmet’s headers, including the configured CSP, on every answer', async () => {
    const app = Fastify();
    await app.register(securityHeadersPlugin, {
      helmet: { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"] } } },
    });
    app.get('/x', async () => ({ ok: true }));
    app.get('/y', async (_req, reply) => reply.code(404).send({ ok: false }));
    for (const url of ['/x', '/y', '/missing']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
    }
    await app.close();
  });

  it('refuses a helmet configuration helmet itself refuses', () => {
    expect(() => staticSecurityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } })).toThrow();
  });
});
