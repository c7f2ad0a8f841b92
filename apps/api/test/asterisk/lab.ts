import { randomBytes } from 'node:crypto';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bearer, login, TEST_PASSWORD, type TestApp, type TestTenant } from '../helpers';

/**
 * The real-Asterisk tier: a built Asterisk (ASTERISK_PREFIX) started by scripts/asterisk/run.sh
 * with the deploy/asterisk samples against the test app's own database, and sipp phones.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
const runScript = join(root, 'scripts/asterisk/run.sh');
/**
 * ASTERISK_LAB_SLOT (0–9, default 0) gives one Asterisk its own run directory, ports, phone ports
 * and carrier address, so two runs of the tier (or two Asterisks in one run) never collide.
 */
export const SLOT = Number(process.env.ASTERISK_LAB_SLOT ?? 0);
export const RUN_DIR = join(root, SLOT ? `.data/asterisk-test-${SLOT}` : '.data/asterisk-test');
export const SIP_PORT = Number(process.env.ASTERISK_SIP_PORT ?? 5262 + SLOT * 20);
export const HTTP_PORT = Number(process.env.ASTERISK_HTTP_PORT ?? 8290 + SLOT * 20);
/** First local port for sipp phones of this slot (each phone takes one, its media port +10000). */
export const PHONE_PORT_BASE = 6100 + SLOT * 400;
/** The carrier's own loopback address (an IP trunk is identified by its source address). */
export const CARRIER_IP = `127.0.${SLOT}.2`;
export const ARI = { url: `http://127.0.0.1:${HTTP_PORT}`, username: 'switchboard', password: 'change-me-ari-password', app: 'switchboard' };
const run = promisify(execFile);

const env = (databaseUrl: string) => ({
  ...process.env,
  DATABASE_URL: databaseUrl,
  ASTERISK_RUN_DIR: RUN_DIR,
  ASTERISK_SIP_PORT: String(SIP_PORT),
  ASTERISK_HTTP_PORT: String(HTTP_PORT),
  ARI_USERNAME: ARI.username,
  ARI_PASSWORD: ARI.password,
});

export async function startAsterisk(databaseUrl: string): Promise<void> {
  await run(runScript, ['start'], { env: env(databaseUrl), timeout: 60_000 });
}
export async function stopAsterisk(): Promise<void> {
  await run(runScript, ['stop'], { env: env(''), timeout: 30_000 });
}
export async function cli(command: string): Promise<string> {
  const { stdout } = await run(runScript, ['cli', command], { env: env(''), timeout: 15_000 });
  return stdout;
}
/** Asterisk's log lines that mean our ARA tables or realtime mappings do not fit. */
export function realtimeErrors(): string[] {
  const log = readFileSync(join(RUN_DIR, 'log/messages.log'), 'utf8');
  return log
    .split('\n')
    .filter((l) => /ERROR|WARNING/.test(l))
    .filter((l) => /res_config_odbc|res_odbc|res_sorcery_realtime|realtime|column|Unknown field/i.test(l));
}

export type Sipp = { proc: ChildProcess; done: Promise<{ code: number | null; out: string }>; stop: () => Promise<void> };

/** Runs one sipp scenario from ./sipp; resolves with its exit code (0: scenario passed). */
export function sipp(
  scenario: string,
  opts: { localIp?: string; localPort: number; service?: string; user?: string; password?: string; pauseMs?: number; calls?: number; keys?: Record<string, string>; timeoutS?: number },
): Sipp {
  const args = [
    `127.0.0.1:${SIP_PORT}`,
    '-sf', join(here, 'sipp', scenario),
    '-i', opts.localIp ?? '127.0.0.1',
    '-p', String(opts.localPort),
    '-mp', String(opts.localPort + 10000),
    '-nostdin', '-trace_err', '-trace_msg',
    '-message_file', join(RUN_DIR, `sipp-${scenario}-${opts.localPort}.log`),
    '-error_file', join(RUN_DIR, `sipp-${scenario}-${opts.localPort}.err`),
  ];
  if (opts.service) args.push('-s', opts.service);
  if (opts.user) args.push('-au', opts.user, '-ap', opts.password ?? '');
  if (opts.pauseMs !== undefined) args.push('-d', String(opts.pauseMs));
  if (opts.calls !== undefined) args.push('-m', String(opts.calls));
  if (opts.timeoutS !== undefined) args.push('-timeout', `${opts.timeoutS}s`, '-timeout_error');
  for (const [k, v] of Object.entries(opts.keys ?? {})) args.push('-key', k, v);
  const proc = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  const done = new Promise<{ code: number | null; out: string }>((res) => proc.on('exit', (code) => res({ code, out })));
  return {
    proc,
    done,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await done;
    },
  };
}

/** The SIP messages sipp logged for one scenario run (-trace_msg). */
export const sippMessages = (scenario: string, port: number) => {
  try {
    return readFileSync(join(RUN_DIR, `sipp-${scenario}-${port}.log`), 'utf8');
  } catch {
    return '';
  }
};

export const waitFor = async <T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

export type Phone = { endpointId: string; user: string; password: string; extension: string; port: number; userId?: string; token?: string };
export type LabKit = ReturnType<typeof labKit>;

/** API calls, phones (an endpoint, optionally an agent user, revealed credentials) and registration for one test file. */
export function labKit(t: TestApp, tenant: TestTenant) {
  let nextPort = PHONE_PORT_BASE;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are read field by field
  const api = async (method: string, url: string, token: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await t.app.inject({ method: method as 'GET', url, headers: bearer(token), ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  async function makePhone(extension: string, opts: { agent?: boolean } = {}): Promise<Phone> {
    const admin = tenant.admin.token;
    let userId: string | undefined;
    let token: string | undefined;
    if (opts.agent) {
      const email = `a${extension}-${randomBytes(3).toString('hex')}@${tenant.slug}.test`;
      const u = await api('POST', '/api/v1/users', admin, { email, name: `Agent ${extension}`, password: TEST_PASSWORD, role_id: tenant.roleIds.agent });
      if (u.status !== 201) throw new Error(`creating the agent user: ${u.status} ${JSON.stringify(u.body)}`);
      userId = u.body.data.id;
      token = await login(t.app, email);
    }
    const e = await api('POST', '/api/v1/endpoints', admin, { extension, display_name: `Phone ${extension}`, ...(userId ? { user_id: userId } : {}) });
    if (e.status !== 201) throw new Error(`creating the endpoint: ${e.status} ${JSON.stringify(e.body)}`);
    const r = await api('POST', `/api/v1/endpoints/${e.body.data.id}/reveal-password`, admin);
    if (r.status !== 200) throw new Error(`revealing the password: ${r.status}`);
    return { endpointId: e.body.data.id, user: r.body.data.sip_username, password: r.body.data.password, extension, port: nextPort++, userId, token };
  }
  /** Registers the phone from its own port (Asterisk rewrites the contact to the source address). */
  async function register(p: Phone, scenario = 'register.xml') {
    return sipp(scenario, { localPort: p.port, service: p.user, user: p.user, password: p.password, calls: 1, timeoutS: 10 }).done;
  }
  return { api, makePhone, register };
}
