import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

const valid = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/switchboard',
  JWT_SECRET: 'a'.repeat(32),
};

function failure(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('loadConfig accepted a bad configuration');
}

describe('configuration', () => {
  it('starts with only the two required settings and fills the defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      SWITCHBOARD_ROLE: 'all',
      API_PORT: 8000,
      WEB_PORT: 3000,
      CORS_ORIGINS: [],
    });
  });

  it('names every missing required setting', () => {
    const message = failure({});
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('JWT_SECRET');
    expect(message).toContain('.env.example');
  });

  it('treats an empty value as missing', () => {
    expect(failure({ ...valid, JWT_SECRET: '' })).toContain('JWT_SECRET');
  });

  it.each([
    ['DATABASE_URL', 'postgres://localhost/x'],
    ['DATABASE_URL', 'not a url'],
    ['JWT_SECRET', 'short'],
    ['API_PORT', '70000'],
    ['API_PORT', 'eighty'],
    ['SWITCHBOARD_ROLE', 'both'],
    ['LOG_LEVEL', 'verbose'],
    ['SELF_REGISTRATION', 'maybe'],
    ['BODY_LIMIT_BYTES', '10'],
    ['DATABASE_POOL_SIZE', '0'],
    ['REDIS_URL', 'redis host'],
    ['SEED_ADMIN_EMAIL', 'not-an-email'],
    ['TRUST_PROXY', 'yes please'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', ','],
    ['METRICS_TOKEN', 'short'],
    ['MAIL_LOG_BODIES', 'maybe'],
  ])('rejects %s=%s and names it', (key, value) => {
    const message = failure({ ...valid, [key]: value });
    expect(message).toMatch(new RegExp(`^\\s+${key}:`, 'm'));
  });

  it('parses booleans and lists the way .env.example describes', () => {
    const config = loadConfig({
      ...valid,
      SELF_REGISTRATION: 'yes',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.SELF_REGISTRATION).toBe(true);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts only loopback unless told otherwise', () => {
    expect(loadConfig(valid).TRUST_PROXY).toEqual(['loopback']);
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['127.0.0.1, 10.0.0.0/8,fd00::/8 , uniquelocal', ['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'uniquelocal']],
  ])('parses %s into what Fastify trustProxy takes', (value, expected) => {
    expect(loadConfig({ ...valid, TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });
});

describe('.env.example', () => {
  it('documents every setting config.ts reads', async () => {
    const { readFile } = await import('node:fs/promises');
    const { configSchema } = await import('../src/config');
    const example = await readFile(new URL('../../../.env.example', import.meta.url), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(Object.keys(configSchema.shape).filter((k) => !documented.has(k))).toEqual([]);
  });
});
