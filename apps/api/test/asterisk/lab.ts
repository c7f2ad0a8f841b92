import { randomBytes } from 'node:crypto';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/** G.711 µ-law of one 16-bit linear sample. */
function ulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let v = Math.min(Math.abs(sample), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (v & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (v >> (exponent + 3)) & 0x0f;
  v = ~(sign | (exponent << 4) | mantissa) & 0xff;
  return v;
}
/**
 * The audio the phones stream (agent.xml: rtp_stream, looped): 2 s of a quiet 400 Hz tone as a
 * µ-law WAV in the run directory (sipp runs there). Real phones send RTP all the time, and a
 * real Asterisk needs frames through a channel to finish detaching a snoop's audiohooks.
 */
function ensurePhoneAudio() {
  const file = join(RUN_DIR, 'phone-audio.wav');
  if (existsSync(file)) return;
  const n = 16_000;
  const data = Buffer.alloc(n);
  for (let i = 0; i < n; i++) data[i] = ulaw(Math.round(2000 * Math.sin((2 * Math.PI * 400 * i) / 8000)));
  const h = Buffer.alloc(46);
  h.write('RIFF', 0);
  h.writeUInt32LE(38 + n, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(18, 16);
  h.writeUInt16LE(7, 20); // µ-law
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(8000, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.writeUInt16LE(0, 36);
  h.write('data', 38);
  h.writeUInt32LE(n, 42);
  writeFileSync(file, Buffer.concat([h, data]));
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
  ensurePhoneAudio();
  const proc = spawn('sipp', args, { cwd: RUN_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
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
  /** A phone; `agent` makes a new agent user for it, `user` gives it to an existing user (a supervisor, say). */
  async function makePhone(extension: string, opts: { agent?: boolean; user?: { id: string; token: string } } = {}): Promise<Phone> {
    const admin = tenant.admin.token;
    let userId: string | undefined = opts.user?.id;
    let token: string | undefined = opts.user?.token;
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
  /** The tenant's IP trunk from CARRIER_IP:5070 (made once per tenant). */
  async function carrierTrunk(): Promise<string> {
    const admin = tenant.admin.token;
    const list = await api('GET', '/api/v1/trunks', admin);
    const found = (list.body?.data ?? []).find((tr: { host: string }) => tr.host === CARRIER_IP)?.id as string | undefined;
    if (found) return found;
    const tr = await api('POST', '/api/v1/trunks', admin, { name: 'Carrier', kind: 'ip', host: CARRIER_IP, port: 5070 });
    if (tr.status !== 201) throw new Error(`creating the trunk: ${tr.status} ${JSON.stringify(tr.body)}`);
    return tr.body.data.id;
  }
  /**
   * A live call as control.asterisk.ts sets it up: carrier (CARRIER_IP:5070) → a new DID → a new
   * queue whose one member is `agent` → the agent's registered sipp phone (agent.xml) answers →
   * caller and agent bridged. The caller hangs up `callerTalkMs` after Asterisk answers it (the
   * queue answers at once). The caller's sipp and the agent's phone are the caller's to stop.
   */
  async function connectCall(agent: Phone, o: { callerTalkMs: number; wrapupSeconds?: number; caller?: string }) {
    const admin = tenant.admin.token;
    await carrierTrunk();
    const q = await api('POST', '/api/v1/queues', admin, { name: `Q ${randomBytes(3).toString('hex')}`, wrapup_seconds: o.wrapupSeconds ?? 3 });
    if (q.status !== 201) throw new Error(`creating the queue: ${q.status} ${JSON.stringify(q.body)}`);
    const m = await api('PUT', `/api/v1/queues/${q.body.data.id}/members`, admin, { members: [{ user_id: agent.userId, penalty: 0 }] });
    if (m.status !== 200) throw new Error(`queue members: ${m.status} ${JSON.stringify(m.body)}`);
    const did = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const d = await api('POST', '/api/v1/dids', admin, { number: did, destination: { type: 'queue', queue_id: q.body.data.id } });
    if (d.status !== 201) throw new Error(`creating the DID: ${d.status} ${JSON.stringify(d.body)}`);
    const reg = await register(agent);
    if (reg.code !== 0) throw new Error(`registering ${agent.extension}: ${reg.out}`);
    const phone = sipp('agent.xml', { localPort: agent.port, pauseMs: 1000 });
    const st = await api('PUT', '/api/v1/agents/me/state', agent.token!, { state: 'available' });
    if (st.status !== 200) throw new Error(`agent available: ${st.status} ${JSON.stringify(st.body)}`);
    const caller = sipp('caller.xml', {
      localIp: CARRIER_IP,
      localPort: 5070,
      service: did,
      pauseMs: o.callerTalkMs,
      calls: 1,
      timeoutS: Math.ceil(o.callerTalkMs / 1000) + 20,
      keys: { caller: o.caller ?? '15550001' },
    });
    try {
      const row = await waitFor(async () => {
        const rs = await t.app.container.db.query.callRecords.findMany({ where: (r, { and, eq }) => and(eq(r.tenantId, tenant.tenantId), eq(r.did, did)) });
        return rs.find((r) => r.status === 'connected') ?? null;
      }, 'the call to be answered', 15_000);
      await waitFor(async () => (await api('GET', `/api/v1/calls/${row.id}`, agent.token!)).body?.data?.agent_user_id === agent.userId, 'caller and agent bridged');
      return { id: row.id, did, queueId: q.body.data.id as string, callerChannelId: row.callerChannelId!, phone, caller };
    } catch (err) {
      await caller.stop();
      await phone.stop();
      throw new Error(`${(err as Error).message}\ncaller: ${sippMessages('caller.xml', 5070).slice(-3000)}`, { cause: err });
    }
  }
  return { api, makePhone, register, carrierTrunk, connectCall };
}

/** GET on the real Asterisk's ARI (channels, bridges, …). */
export async function ariGet(path: string): Promise<Array<Record<string, unknown>>> {
  const r = await fetch(`${ARI.url}/ari${path}`, { headers: { authorization: `Basic ${Buffer.from(`${ARI.username}:${ARI.password}`).toString('base64')}` } });
  return (await r.json()) as Array<Record<string, unknown>>;
}

/** Bridges that hold channels now (a queue's holding bridge stays, empty, after its caller left). */
export const busyBridges = async () => (await ariGet('/bridges')).filter((b) => (b.channels as string[]).length > 0);

export type SippEntry = { at: string; dir: 'sent' | 'received'; start: string; text: string };
/** sipp's -trace_msg log as entries: when, sent or received, the first line (INVITE sip:…, SIP/2.0 200 OK). */
export function sippLog(scenario: string, port: number): SippEntry[] {
  return sippMessages(scenario, port)
    .split(/^-{10,} /m)
    .slice(1)
    .map((block) => {
      const [at = '', kind = '', , ...rest] = block.split('\n');
      return { at, dir: /received/.test(kind) ? 'received' : 'sent', start: rest.find((l) => l.trim()) ?? '', text: rest.join('\n') } as SippEntry;
    })
    .filter((e) => e.start);
}
