import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The real-Asterisk tier: a built Asterisk (ASTERISK_PREFIX) started by scripts/asterisk/run.sh
 * with the deploy/asterisk samples against the test app's own database, and sipp phones.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
const runScript = join(root, 'scripts/asterisk/run.sh');
export const RUN_DIR = join(root, '.data/asterisk-test');
export const SIP_PORT = Number(process.env.ASTERISK_SIP_PORT ?? 5262);
export const HTTP_PORT = Number(process.env.ASTERISK_HTTP_PORT ?? 8290);
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
