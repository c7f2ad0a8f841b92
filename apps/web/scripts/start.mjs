// `npm run start:web`: `next start` on WEB_PORT, the port README and .env.example name for the web
// app (Next itself reads only PORT or -p). PORT is the fallback for hosts that set it; then 3000.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The `next` arguments for an environment; throws on a port that is not 1–65535. */
export function nextStartArgs(env, extra = []) {
  const raw = env.WEB_PORT || env.PORT || '3000';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new Error(`WEB_PORT: expected a port number (1-65535), got ${JSON.stringify(raw)}`);
  }
  return ['start', '-p', String(port), ...extra];
}

function main() {
  let args;
  try {
    args = nextStartArgs(process.env, process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const next = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [next, ...args], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
