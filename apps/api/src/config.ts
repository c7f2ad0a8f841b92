import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const csv = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** proxy-addr's named ranges, which Fastify's trustProxy accepts next to IPs and CIDRs. */
const namedProxyRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (namedProxyRanges.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Whose X-Forwarded-For to believe, in the form Fastify's `trustProxy` takes: `true` (anyone —
 * only behind a proxy that overwrites the header), `false` (no one), or addresses and CIDRs of
 * the proxies. Trusting everyone would let a client pick its own IP and dodge per-IP limits.
 */
const trustProxy = z.string().transform((value, ctx): boolean | string[] => {
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  const entries = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (!entries.length || bad.length) {
    ctx.addIssue({
      code: 'custom',
      message: `expected true, false or a comma list of IPs/CIDRs (or loopback, linklocal, uniquelocal); bad: ${bad.join(', ') || '(empty)'}`,
    });
    return z.NEVER;
  }
  return entries;
});

/**
 * Every setting, parsed once. `.env.example` documents each of them; a missing or bad value
 * stops start-up with a message naming it (see `loadConfig`).
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  SWITCHBOARD_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  DATABASE_URL: z.url().refine((u) => /^mysql:\/\//.test(u), 'must start with mysql://'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Requests wait at most this long for a pooled connection before answering 503 (F2). */
  DATABASE_QUEUE_LIMIT: z.coerce.number().int().min(0).max(10_000).default(200),
  API_HOST: z.string().default('0.0.0.0'),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  WEB_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_ISSUER: z.string().default('switchboard'),
  JWT_AUDIENCE: z.string().default('switchboard-api'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CORS_ORIGINS: csv.default([]),
  COOKIE_SECURE: bool.optional(),
  SELF_REGISTRATION: bool.default(false),
  /** Proxies whose X-Forwarded-For sets the client IP (rate limits, audit); see `trustProxy`. */
  TRUST_PROXY: trustProxy.default(['loopback']),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(1_048_576),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z.url().optional(),
  ARI_URL: z.url().optional(),
  ARI_USERNAME: z.string().optional(),
  ARI_PASSWORD: z.string().optional(),
  ARI_APP: z.string().default('switchboard'),
  /**
   * Several Asterisk servers (issue 8): a JSON array of {name, url, username, password, app?}.
   * Each name (1-64 characters, unique) owns the calls of its Asterisk. Not together with ARI_URL.
   */
  ARI_SERVERS: z.string().optional(),
  /** Run the built-in ARI simulator as a demo PBX when no ARI_URL is set. */
  SIMULATOR: bool.default(false),
  /** Simulated calls per minute the demo PBX places to the demo tenant's DIDs (0 = none). */
  SIMULATOR_DEMO_CALLS_PER_MINUTE: z.coerce.number().min(0).max(600).default(0),
  /** Port of the built-in simulator's ARI (0 = any free port). */
  ARI_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** SIP server phones register to (endpoint detail shows it); defaults to PUBLIC_URL's host. */
  SIP_DOMAIN: z.string().min(1).max(253).optional(),
  SIP_PORT: z.coerce.number().int().min(1).max(65535).default(5060),
  /** WebSocket URL browser softphones connect to; defaults to wss://<SIP_DOMAIN>:8089/ws. */
  SIP_WSS_URL: z.url().optional(),
  /**
   * Key for secrets Switchboard must be able to read back (SIP and trunk passwords). Without it
   * a key is derived from JWT_SECRET, so rotating JWT_SECRET would make stored SIP passwords
   * unreadable: set SECRETS_KEY (32+ characters) in production.
   */
  SECRETS_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Required in production (password resets and invitations must be delivered, not logged). */
  SMTP_URL: z.url().optional(),
  /**
   * Development only: without SMTP_URL, also log the text of the e-mails that were not sent, reset
   * links and their tokens included. Refused in production.
   */
  MAIL_LOG_BODIES: bool.default(false),
  /**
   * Let trunks point at loopback, link-local (169.254.0.0/16, cloud metadata), private (RFC 1918,
   * 100.64.0.0/10, fc00::/7), unspecified or multicast hosts. Off: such hosts answer 400
   * (issue 16.6). Turn on for a carrier on the same host or LAN (local labs, a private SBC).
   */
  TRUNK_ALLOW_PRIVATE_HOSTS: bool.default(false),
  /**
   * Bearer token Prometheus must send to /metrics. Unset: /metrics answers only requests made
   * directly on the loopback interface (not forwarded by a proxy).
   */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  MAIL_FROM: z.string().default('Switchboard <no-reply@switchboard.local>'),
  STORAGE_DIR: z.string().default('.data/storage'),
  SEED_ADMIN_EMAIL: z.email().default('admin@demo.switchboard.local'),
  SEED_ADMIN_PASSWORD: z.string().min(12).default('Switchboard-demo-1'),
  PLATFORM_ADMIN_EMAIL: z.email().default('operator@switchboard.local'),
  PLATFORM_ADMIN_PASSWORD: z.string().min(12).default('Switchboard-operator-1'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Rules between settings, each line naming the setting to change. */
function crossSettingProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.NODE_ENV === 'production') {
    if (!config.SMTP_URL) {
      problems.push('  SMTP_URL: required in production: password resets and invitations are sent by e-mail');
    }
    if (config.MAIL_LOG_BODIES) {
      problems.push('  MAIL_LOG_BODIES: not allowed in production: e-mails carry single-use reset tokens');
    }
  }
  return problems;
}

/** Parses the environment; throws a ConfigError naming every bad or missing setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  const lines = parsed.success
    ? crossSettingProblems(parsed.data)
    : parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  if (!parsed.success || lines.length) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every setting.`);
  }
  return parsed.data;
}
