// `npm run bench:acd`: Switchboard's call router against Asterisk's own app_queue, on one real
// Asterisk (the real-Asterisk tier: ASTERISK_PREFIX), the same SIP phones for both, in one run.
//
// For each burst size N: N agents (users with the agent role, an endpoint each, made through the
// API, members of one queue, Available) whose phones are registered from ONE port where one sipp
// UAS answers for all of them (bench/acd/sipp/phones.xml: 180, 200 ms later 200, BYE after 3 s).
// A carrier (bench/acd/sipp/carrier.xml, caller 15[call_number], unique per call) sends N calls in
// one second, first from the Switchboard trunk's address to a DID routed to the queue, then from a
// second address whose endpoint's context runs Queue() on an app_queue queue with the same phones
// (strategy leastrecent, autofill, ringinuse=no, each member's state_interface Custom:benchK set
// NOT_INUSE). Latency: the carrier sending its INVITE → the agent phone receiving the INVITE for
// that caller (both sipp -trace_msg clocks on this machine). Offered once: one INVITE dialog per
// caller at the phones. Lost: a call the carrier could not complete or that no phone saw.
//
// Settings: ASTERISK_PREFIX (required, else skipped), ACD_NS (default 20,60,200), ACD_SLOT (lab
// slot, default 7: its own ports and carrier addresses), ACD_ROUNDS (default 1: bursts per N and
// side), ACD_ORDER (sb-first | aq-first, default sb-first), ACD_STATEMENTS=1 (the app's statements
// per call, grouped), ACD_PROFILE=<dir> (a CPU profile of the app over each Switchboard burst),
// DATABASE_POOL_SIZE.
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import inspector from 'node:inspector';

const prefix = process.env.ASTERISK_PREFIX;
const skip = (why: string) => {
  console.log(`bench:acd skipped: ${why}`);
  process.exit(0);
};
if (!prefix) skip('ASTERISK_PREFIX is not set (the install prefix of a built Asterisk 22)');
if (!existsSync(join(prefix!, 'sbin/asterisk'))) skip(`no Asterisk at ${join(prefix!, 'sbin/asterisk')}`);
if (spawnSync('sipp', ['-v']).error) skip('sipp is not installed (Debian: apt install sip-tester)');

const NS = (process.env.ACD_NS ?? '20,60,200').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const ROUNDS = Math.max(1, Number(process.env.ACD_ROUNDS ?? 1));
const AQ_FIRST = process.env.ACD_ORDER === 'aq-first';
process.env.ASTERISK_LAB_SLOT = process.env.ACD_SLOT ?? '7';
process.env.TEST_LOG_LEVEL ??= 'silent';
const here = dirname(fileURLToPath(import.meta.url));

const lab = await import('../../apps/api/test/asterisk/lab');
const helpers = await import('../../apps/api/test/helpers');
const { SIP_PORT, RUN_DIR, ARI, SLOT, PHONE_PORT_BASE } = lab;
const SB_CARRIER = `127.0.${SLOT}.2`;
const AQ_CARRIER = `127.0.${SLOT}.3`;
const PHONES_PORT = PHONE_PORT_BASE;
const EXTRA = join(RUN_DIR, 'bench-extra-conf');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

type SippRun = { done: Promise<{ code: number | null; out: string }>; stop: () => Promise<void>; log: string };
/** One sipp run of a bench scenario; its -trace_msg log is `log`. */
function sipp(scenario: string, name: string, args: string[]): SippRun {
  const log = join(RUN_DIR, `bench-${name}.log`);
  rmSync(log, { force: true });
  const all = [
    `127.0.0.1:${SIP_PORT}`, '-sf', join(here, 'sipp', scenario), '-nostdin', '-trace_msg', '-trace_err',
    '-message_file', log, '-error_file', join(RUN_DIR, `bench-${name}.err`), ...args,
  ];
  const proc = spawn('sipp', all, { cwd: RUN_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  const done = new Promise<{ code: number | null; out: string }>((res) => proc.on('exit', (code) => res({ code, out })));
  return {
    done,
    log,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGUSR1'); // sipp: stop gracefully, flush its logs
      const t = setTimeout(() => proc.exitCode === null && proc.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    },
  };
}

/** sipp -trace_msg entries: microseconds of the day, sent/received, first line, text. */
function messages(file: string) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  return text
    .split(/^-{10,} /m)
    .slice(1)
    .map((block) => {
      const [at = '', kind = '', ...rest] = block.split('\n');
      const m = /(\d\d):(\d\d):(\d\d)\.(\d+)/.exec(at);
      const us = m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1e6 + Number(m[4]!.padEnd(6, '0').slice(0, 6)) : NaN;
      const body = rest.join('\n');
      const start = rest.find((l) => l.trim()) ?? '';
      const header = (h: string) => rest.find((l) => l.toLowerCase().startsWith(`${h.toLowerCase()}:`))?.slice(h.length + 1).trim() ?? '';
      return { us, sent: /sent/.test(kind), start, body, header };
    });
}
/** The caller key of an INVITE: the digits of its From user, from "15". */
const callerKey = (from: string) => /sip:\+?(15\d+)@/.exec(from)?.[1] ?? null;

/** Latency per caller, and dialogs per caller at the phones, from one burst's two logs. */
function analyse(carrierLog: string, phonesLog: string, n: number) {
  const sentAt = new Map<string, number>();
  for (const m of messages(carrierLog)) {
    if (!m.sent || !m.start.startsWith('INVITE ')) continue;
    const k = callerKey(m.header('From'));
    if (k && !sentAt.has(k)) sentAt.set(k, m.us);
  }
  const dialogs = new Map<string, Set<string>>();
  const firstSeen = new Map<string, number>();
  for (const m of messages(phonesLog)) {
    if (m.sent || !m.start.startsWith('INVITE ')) continue;
    const k = callerKey(m.header('From'));
    if (!k || !sentAt.has(k)) continue;
    // A new dialog is a new Call-ID without a To tag (re-INVITEs carry the tag).
    if (/;tag=/.test(m.header('To'))) continue;
    const set = dialogs.get(k) ?? new Set<string>();
    set.add(m.header('Call-ID'));
    dialogs.set(k, set);
    if (!firstSeen.has(k)) firstSeen.set(k, m.us);
  }
  const latencies: number[] = [];
  for (const [k, t1] of firstSeen) latencies.push((t1 - sentAt.get(k)!) / 1000);
  const offeredTwice = [...dialogs.values()].filter((s) => s.size > 1).length;
  return { latencies, placed: sentAt.size, reached: firstSeen.size, offeredTwice, missing: n - firstSeen.size };
}

const until = async (check: () => Promise<boolean> | boolean, what: string, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

// --- the product, one tenant with its limits lifted, the agents and the two carriers ---------
const maxN = Math.max(...NS);
const t = await helpers.createTestApp({
  env: {
    ARI_URL: ARI.url,
    ARI_USERNAME: ARI.username,
    ARI_PASSWORD: ARI.password,
    ARI_APP: ARI.app,
    TRUNK_ALLOW_PRIVATE_HOSTS: 'true',
    ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
  },
});
const pool = t.app.container.dbHandle.pool;
let asteriskUp = false;
let phones: SippRun | null = null;
try {
  const tenant = await helpers.createTestTenant(t.app);
  const operator = await helpers.createPlatformAdmin(t.app);
  const kit = lab.labKit(t, tenant);
  const api = kit.api;
  const admin = tenant.admin.token;
  const lim = await api('PUT', `/api/v1/tenants/${tenant.tenantId}/limits`, operator.token, {
    users: null, agents: null, endpoints: null, queues: null, dids: null, concurrent_calls: null,
  });
  if (lim.status !== 200) throw new Error(`lifting the tenant's limits: ${lim.status} ${JSON.stringify(lim.body)}`);
  const sbTrunk = await api('POST', '/api/v1/trunks', admin, { name: 'Bench carrier', kind: 'ip', host: SB_CARRIER, port: 5070 });
  const aqTrunk = await api('POST', '/api/v1/trunks', admin, { name: 'app_queue carrier', kind: 'ip', host: AQ_CARRIER, port: 5070 });
  if (sbTrunk.status !== 201 || aqTrunk.status !== 201) throw new Error(`trunks: ${sbTrunk.status} ${aqTrunk.status} ${JSON.stringify(aqTrunk.body)}`);
  // The app_queue carrier's endpoint runs the bench's dialplan instead of Stasis (test-only change
  // of its ARA row; Asterisk reads realtime endpoints on each call).
  const [aqRows] = (await pool.query('SELECT id FROM ps_endpoints WHERE id IN (SELECT endpoint FROM ps_endpoint_id_ips WHERE `match` LIKE ?)', [`${AQ_CARRIER}%`])) as unknown as [{ id: string }[]];
  if (aqRows.length !== 1) throw new Error(`the app_queue carrier's ARA endpoint: found ${aqRows.length}`);
  await pool.query("UPDATE ps_endpoints SET context = 'bench-appqueue' WHERE id = ?", [aqRows[0]!.id]);

  console.log(`bench:acd — making ${maxN} agents through the API…`);
  const agents: { user: string; password: string; token: string; userId: string }[] = [];
  const makeOne = async (i: number) => {
    const email = `bench${i}-${randomBytes(3).toString('hex')}@${tenant.slug}.test`;
    const u = await api('POST', '/api/v1/users', admin, { email, name: `Agent ${i + 1}`, password: helpers.TEST_PASSWORD, role_id: tenant.roleIds.agent });
    if (u.status !== 201) throw new Error(`agent user: ${u.status} ${JSON.stringify(u.body)}`);
    const e = await api('POST', '/api/v1/endpoints', admin, { extension: String(3000 + i), display_name: `Agent ${i + 1}`, user_id: u.body.data.id });
    if (e.status !== 201) throw new Error(`endpoint: ${e.status} ${JSON.stringify(e.body)}`);
    const r = await api('POST', `/api/v1/endpoints/${e.body.data.id}/reveal-password`, admin);
    agents[i] = { user: r.body.data.sip_username, password: r.body.data.password, token: await helpers.login(t.app, email), userId: u.body.data.id };
  };
  for (let i = 0; i < maxN; i += 8) await Promise.all(Array.from({ length: Math.min(8, maxN - i) }, (_, k) => makeOne(i + k)));

  // One queue and DID per N on our side; one app_queue queue per N on Asterisk's.
  const dids = new Map<number, string>();
  const queuesConf: string[] = ['[general]', 'persistentmembers = no', ''];
  const dialplan: string[] = ['[bench-appqueue]'];
  for (const n of NS) {
    const q = await api('POST', '/api/v1/queues', admin, { name: `Bench ${n}`, strategy: 'leastrecent', wrapup_seconds: 0, ring_timeout_seconds: 15 });
    if (q.status !== 201) throw new Error(`queue: ${q.status} ${JSON.stringify(q.body)}`);
    const m = await api('PUT', `/api/v1/queues/${q.body.data.id}/members`, admin, { members: agents.slice(0, n).map((a) => ({ user_id: a.userId, penalty: 0 })) });
    if (m.status !== 200) throw new Error(`members: ${m.status} ${JSON.stringify(m.body)}`);
    const did = `+1555${String(7000000 + n).padStart(7, '0')}`;
    const d = await api('POST', '/api/v1/dids', admin, { number: did, destination: { type: 'queue', queue_id: q.body.data.id } });
    if (d.status !== 201) throw new Error(`did: ${d.status} ${JSON.stringify(d.body)}`);
    dids.set(n, did);
    queuesConf.push(`[benchq${n}]`, 'strategy = leastrecent', 'autofill = yes', 'ringinuse = no', 'timeout = 15', 'retry = 1', 'wrapuptime = 0');
    agents.slice(0, n).forEach((a, i) => queuesConf.push(`member => PJSIP/${a.user},0,Agent ${i + 1},Custom:bench${i + 1}`));
    queuesConf.push('');
    dialplan.push(`exten => ${9000 + n},1,Queue(benchq${n},,,,60)`, ' same => n,Hangup()');
  }
  rmSync(EXTRA, { recursive: true, force: true });
  mkdirSync(EXTRA, { recursive: true });
  writeFileSync(join(EXTRA, 'queues.conf'), queuesConf.join('\n') + '\n');
  writeFileSync(join(EXTRA, 'extensions.conf'), dialplan.join('\n') + '\n');
  process.env.ASTERISK_EXTRA_CONF = EXTRA;

  await lab.startAsterisk(t.url);
  asteriskUp = true;
  await t.app.container.telephony.start();
  await until(() => t.app.container.telephony.status().status === 'connected', 'telephony connected');

  // Every phone registered from the one port the UAS will answer on.
  const csv = join(RUN_DIR, 'bench-phones.csv');
  writeFileSync(csv, 'SEQUENTIAL\n' + agents.map((a) => `${a.user};${a.password};[authentication username=${a.user} password=${a.password}]`).join('\n') + '\n');
  const reg = sipp('register.xml', 'register', ['-i', '127.0.0.1', '-p', String(PHONES_PORT), '-inf', csv, '-m', String(maxN), '-r', '50', '-timeout', '60s', '-timeout_error']);
  const regDone = await reg.done;
  if (regDone.code !== 0) throw new Error(`registering the phones: sipp exit ${regDone.code}\n${regDone.out.slice(-2000)}`);
  const contacts = (await lab.cli('pjsip show contacts')).split('\n').filter((l) => l.includes(`127.0.0.1:${PHONES_PORT}`)).length;
  if (contacts < maxN) throw new Error(`only ${contacts} of ${maxN} phones registered`);
  for (let i = 1; i <= maxN; i++) await lab.cli(`devstate change Custom:bench${i} NOT_INUSE`);

  const startPhones = (name: string) =>
    sipp('phones.xml', name, ['-i', '127.0.0.1', '-p', String(PHONES_PORT), '-mp', String(PHONES_PORT + 10000), '-m', '1000000', '-l', '100000']);
  phones = startPhones('phones-warmup');
  for (const a of agents) {
    const st = await api('PUT', '/api/v1/agents/me/state', a.token, { state: 'available' });
    if (st.status !== 200) throw new Error(`agent available: ${st.status} ${JSON.stringify(st.body)}`);
  }

  const sbIdle = async (did: string, n: number) => {
    const [rows] = (await pool.query("SELECT COUNT(*) AS n FROM call_records WHERE tenant_id = ? AND did = ? AND status = 'ended'", [tenant.tenantId, did])) as unknown as [{ n: number }[]];
    const [busy] = (await pool.query("SELECT COUNT(*) AS n FROM agent_states WHERE tenant_id = ? AND state IN ('ringing', 'on_call', 'wrap_up')", [tenant.tenantId])) as unknown as [{ n: number }[]];
    return Number(rows[0]?.n) >= n && Number(busy[0]?.n) === 0;
  };
  const quiet = () => until(async () => /^0 active channels?/m.test(await lab.cli('core show channels count')), 'Asterisk idle', 60_000);

  type Side = { latencies: number[]; placed: number; reached: number; offeredTwice: number; missing: number; failed: number };
  const burst = async (side: 'sb' | 'aq', n: number, round: number): Promise<Side> => {
    await phones?.stop();
    phones = startPhones(`phones-${side}-${n}-${round}`);
    await new Promise((r) => setTimeout(r, 500));
    const before = side === 'sb' ? await sbEnded(n) : 0;
    const statementsBefore = t.audit.statements.length;
    const cpuBefore = cpuNow();
    const profiling = side === 'sb' && round === 1 && process.env.ACD_PROFILE ? startProfile() : null;
    const carrier = sipp('carrier.xml', `carrier-${side}-${n}-${round}`, [
      '-i', side === 'sb' ? SB_CARRIER : AQ_CARRIER, '-p', '5070', '-mp', '16070',
      '-s', side === 'sb' ? dids.get(n)! : String(9000 + n),
      '-r', String(n), '-rp', '1000', '-m', String(n), '-l', '100000', '-timeout', '90s', '-timeout_error',
    ]);
    const res = await carrier.done;
    cpu.set(`${side}-${n}`, cpuSince(cpuBefore));
    if (profiling) await stopProfile(profiling, join(process.env.ACD_PROFILE!, `acd-sb-${n}.cpuprofile`));
    const failed = Number(/Failed call\s*\|\s*\d+\s*\|\s*(\d+)/.exec(res.out)?.[1] ?? (res.code === 0 ? 0 : n));
    if (side === 'sb') await until(() => sbIdle(dids.get(n)!, before + n), `every Switchboard call of the ${n}-burst ended and every agent available`, 60_000).catch((e) => console.error(String(e)));
    await quiet().catch((e) => console.error(String(e)));
    await phones.stop();
    phones = null;
    if (side === 'sb') statementsPerCall.set(n, (t.audit.statements.length - statementsBefore) / n);
    if (process.env.ACD_STATEMENTS && side === 'sb') {
      const counts = new Map<string, number>();
      for (const q of t.audit.statements.slice(statementsBefore)) {
        const k = q.replace(/\s+/g, ' ').slice(0, 90);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      for (const [k, c] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(c / n).toFixed(2).padStart(6)}  ${k}`);
    }
    return { ...analyse(carrier.log, join(RUN_DIR, `bench-phones-${side}-${n}-${round}.log`), n), failed };
  };
  const statementsPerCall = new Map<number, number>();
  /** ACD_PROFILE=<dir>: a CPU profile of the app over each Switchboard burst (node:inspector). */
  const startProfile = () => {
    const session = new inspector.Session();
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.start');
    return session;
  };
  const stopProfile = (session: inspector.Session, file: string) =>
    new Promise<void>((res) =>
      session.post('Profiler.stop', (err, out) => {
        if (!err) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, JSON.stringify(out.profile));
          console.log(`CPU profile of the app over the burst: ${file}`);
        }
        session.disconnect();
        res();
      }),
    );
  /** CPU seconds of this process (the app), Asterisk and MariaDB over each burst (/proc). */
  const cpu = new Map<string, { app: number; asterisk: number; mariadb: number }>();
  const ticks = (pid: string | undefined) => {
    if (!pid) return 0;
    try {
      const f = readFileSync(`/proc/${pid.trim()}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return 0;
    }
  };
  const asteriskPid = () => (existsSync(join(RUN_DIR, 'run/asterisk.pid')) ? readFileSync(join(RUN_DIR, 'run/asterisk.pid'), 'utf8') : undefined);
  const mariadbPid = spawnSync('pgrep', ['-o', 'mariadbd']).stdout?.toString().trim() || undefined;
  const cpuNow = () => {
    const u = process.cpuUsage();
    return { app: (u.user + u.system) / 1e6, asterisk: ticks(asteriskPid()), mariadb: ticks(mariadbPid) };
  };
  const cpuSince = (b: ReturnType<typeof cpuNow>) => {
    const a = cpuNow();
    return { app: a.app - b.app, asterisk: a.asterisk - b.asterisk, mariadb: a.mariadb - b.mariadb };
  };
  const sbEnded = async (n: number) => {
    const [rows] = (await pool.query("SELECT COUNT(*) AS n FROM call_records WHERE tenant_id = ? AND did = ? AND status = 'ended'", [tenant.tenantId, dids.get(n)])) as unknown as [{ n: number }[]];
    return Number(rows[0]?.n);
  };

  // One warm-up call each way, so neither side pays its first-call costs in the figures.
  await burst('sb', NS[0]!, 0).catch((e) => console.error(`warm-up: ${String(e)}`));
  await burst('aq', NS[0]!, 0).catch((e) => console.error(`warm-up: ${String(e)}`));

  const rows: string[] = [];
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
  let allOk = true;
  for (const n of NS) {
    const sb: Side = { latencies: [], placed: 0, reached: 0, offeredTwice: 0, missing: 0, failed: 0 };
    const aq: Side = { ...sb, latencies: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const order: ('sb' | 'aq')[] = AQ_FIRST ? ['aq', 'sb'] : ['sb', 'aq'];
      for (const side of order) {
        const r = await burst(side, n, round);
        const into = side === 'sb' ? sb : aq;
        into.latencies.push(...r.latencies);
        into.placed += r.placed;
        into.reached += r.reached;
        into.offeredTwice += r.offeredTwice;
        into.missing += r.missing;
        into.failed += r.failed;
      }
    }
    const ratio = pct(sb.latencies, 99) / pct(aq.latencies, 99);
    const ok = ratio <= 2 && sb.offeredTwice === 0 && sb.missing === 0 && sb.failed === 0;
    allOk &&= ok;
    const lost = (s: Side) => `${s.missing + s.failed === 0 ? 'none' : `${s.missing} unoffered, ${s.failed} failed`}; twice ${s.offeredTwice}`;
    rows.push(
      `| ${n} calls in 1 s, ${n} agents | ${f(pct(sb.latencies, 50))} / ${f(pct(sb.latencies, 99))} / ${f(Math.max(...sb.latencies))} ms | ${f(pct(aq.latencies, 50))} / ${f(pct(aq.latencies, 99))} / ${f(Math.max(...aq.latencies))} ms | ×${ratio.toFixed(1)} ${ok ? 'PASS' : 'FAIL'} | ${lost(sb)} | ${lost(aq)} |`,
    );
  }
  console.log(`\nbench:acd — caller's INVITE → agent phone's INVITE, one Asterisk ${(await lab.cli('core show version')).trim().split(' ').slice(0, 2).join(' ')}, ${ROUNDS} burst(s) per side per N`);
  console.log('| burst | Switchboard p50 / p99 / max | app_queue p50 / p99 / max | ratio p99 (target ≤ 2) | Switchboard lost; offered twice | app_queue lost; offered twice |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log('\nCPU seconds per burst (this process = the Switchboard app; Asterisk; MariaDB), and the app\'s SQL statements per call:');
  for (const n of NS) {
    const f2 = (c?: { app: number; asterisk: number; mariadb: number }) => (c ? `app ${c.app.toFixed(2)} / Asterisk ${c.asterisk.toFixed(2)} / MariaDB ${c.mariadb.toFixed(2)}` : '–');
    console.log(`  N=${n}: Switchboard ${f2(cpu.get(`sb-${n}`))}; app_queue ${f2(cpu.get(`aq-${n}`))}; ${statementsPerCall.get(n)?.toFixed(0) ?? '–'} statements per call`);
  }
  process.exitCode = allOk ? 0 : 1;
} finally {
  await phones?.stop();
  await t.app.container.telephony.stop().catch(() => undefined);
  if (asteriskUp) await lab.stopAsterisk().catch(() => undefined);
  await t.close();
}
process.exit(process.exitCode ?? 0);
