#!/usr/bin/env node
// `npm run dev` / `npm start`: one command from a fresh clone to a running Switchboard.
// See README.md "Quick start" and docs/decisions/010-quick-start.md.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDotenv } from './lib/env.mjs';
import {
  DEFAULT_DATABASE_URL,
  NO_SERVER_MESSAGE,
  portAnswers,
  startPrivateDatabase,
} from './lib/database.mjs';
import { prefix, runStep, startChild } from './lib/children.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m) => console.log(`${prefix('setup')} ${m}`);
const fail = (m) => {
  console.error(`${prefix('setup')} ${m}`);
  return 1;
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const stoppers = [];

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`Node ${process.versions.node} is too old; Switchboard needs Node 20.19 or newer`);
  }
}

/** `npm ci` when node_modules is missing or older than package-lock.json. */
async function ensureDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return true;
  log('installing dependencies (npm ci) …');
  const { code } = await runStep('setup', npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    env: process.env,
  });
  return code === 0;
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its build is missing or older than its sources; false if it cannot be built. */
async function ensureWebBuild(env) {
  const webDir = path.join(root, 'apps', 'web');
  const pkg = JSON.parse(readFileSync(path.join(webDir, 'package.json'), 'utf8'));
  if (!pkg.scripts?.build || !existsSync(path.join(webDir, 'src'))) {
    log('warning: apps/web has no buildable app yet; starting the API only');
    return false;
  }
  const buildId = path.join(webDir, '.next', 'BUILD_ID');
  // Next fixes its /api rewrite target at build time, so a build for another API_PORT is stale.
  const marker = path.join(webDir, '.next', 'switchboard-build.json');
  const builtFor = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')).API_PORT : null;
  const sources = Math.max(newestMtime(webDir), newestMtime(path.join(root, 'packages', 'contracts', 'src')));
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= sources && builtFor === env.API_PORT) return true;
  log('building the web app (npm run build -w @switchboard/web) …');
  const { code } = await runStep('web', npm, ['run', 'build', '-w', '@switchboard/web'], { cwd: root, env });
  if (code !== 0) {
    log('warning: the web app did not build; starting the API only (see the [web] lines above)');
    return false;
  }
  writeFileSync(marker, JSON.stringify({ API_PORT: env.API_PORT }));
  return true;
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function waitReady(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !shuttingDown) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** The seed's "Seeded logins" block, reprinted under the URLs at the end. */
function loginsFrom(seedOutput) {
  const i = seedOutput.indexOf('Seeded logins:');
  return i === -1
    ? []
    : seedOutput
        .slice(i)
        .split('\n')
        .slice(1)
        .filter((l) => l.trim());
}

async function stopAll() {
  for (const stop of stoppers.reverse()) await stop();
  stoppers.length = 0;
}

async function main() {
  checkNode();
  if (!(await ensureDependencies())) return fail('npm ci failed');
  const env = loadDotenv(path.join(root, '.env'), log);
  env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
  const dbUrl = new URL(env.DATABASE_URL);
  const dbPort = Number(dbUrl.port || 3306);
  if (!(await portAnswers(dbUrl.hostname, dbPort))) {
    if (!['127.0.0.1', 'localhost', '::1'].includes(dbUrl.hostname)) {
      return fail(
        `nothing answers at ${dbUrl.hostname}:${dbPort} (DATABASE_URL); start that server or change .env`,
      );
    }
    log(`no database answers at ${dbUrl.hostname}:${dbPort}`);
    const privateDb = await startPrivateDatabase(root, log);
    if (!privateDb) return fail(NO_SERVER_MESSAGE);
    stoppers.push(privateDb.stop);
    dbUrl.host = new URL(privateDb.url).host;
    env.DATABASE_URL = dbUrl.toString();
  }
  log(`database: ${env.DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`);
  log(
    env.REDIS_URL
      ? `redis: ${env.REDIS_URL}`
      : 'redis: not configured; events stay in this process (set REDIS_URL to fan out)',
  );

  if (shuttingDown) return 1;
  // The web app proxies /api and /ws to the API, so on one machine the API need not listen outside.
  const apiEnv = { API_HOST: '127.0.0.1', ...env, SWITCHBOARD_ROLE: 'all' };
  // No Asterisk configured: the built-in simulator is the demo PBX, placing simulated calls
  // (labelled as such in the UI) to the demo tenant's numbers.
  if (!env.ARI_URL) {
    apiEnv.SIMULATOR ??= 'true';
    apiEnv.SIMULATOR_DEMO_CALLS_PER_MINUTE ??= '3';
    log('telephony: no ARI_URL set; the built-in simulator is the PBX and places demo calls (SIMULATOR=false to turn off)');
  }
  const migrated = await runStep('setup', npm, ['run', '--silent', 'db:migrate'], { cwd: root, env: apiEnv });
  if (migrated.code !== 0) {
    if (/Access denied/i.test(migrated.output)) {
      return fail(
        `the database server refused the user in DATABASE_URL; set DATABASE_URL in .env to a user that may create databases, e.g. mysql://switchboard:secret@127.0.0.1:3306/switchboard`,
      );
    }
    return fail('migrations failed');
  }
  const seed = await runStep('setup', npm, ['run', '--silent', 'db:seed'], {
    cwd: root,
    env: apiEnv,
    quiet: true,
  });
  if (seed.code !== 0) {
    process.stdout.write(seed.output);
    return fail('seeding failed');
  }

  const apiPort = Number(env.API_PORT ?? 8000);
  const webPort = Number(env.WEB_PORT ?? 3000);
  const { NODE_ENV: _nodeEnv, ...webEnv } = { ...env, API_PORT: String(apiPort), PORT: String(webPort) };
  const apiOnly = process.argv.includes('--api-only');
  if (apiOnly) log('--api-only: not starting the web app');
  const withWeb = !apiOnly && !shuttingDown && (await ensureWebBuild(webEnv));
  if (shuttingDown) return 1;
  for (const [name, port] of [['API_PORT', apiPort], ...(withWeb ? [['WEB_PORT', webPort]] : [])]) {
    if (!(await portFree(port)))
      return fail(`port ${port} (${name}) is already in use; stop that process or set ${name} in .env`);
  }

  let exitCode = 0;
  // A Ctrl-C reaches the children and the quick start together; wait a moment so the quick start's
  // own signal handler marks the shutdown before a child's exit is taken for a crash.
  const onExit = (name) => (code, signal) =>
    setTimeout(() => {
      if (shuttingDown) return;
      console.error(`${prefix('setup')} ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping`);
      exitCode = 1;
      void shutdown();
    }, 300);
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const api = await startChild('api', process.execPath, [tsx, 'src/entrypoints/api.ts'], {
    cwd: path.join(root, 'apps', 'api'),
    env: apiEnv,
    onExit: onExit('the API'),
  });
  stoppers.push(() => api.stop());
  if (!(await waitReady(`http://127.0.0.1:${apiPort}/readyz`, 60_000))) {
    if (shuttingDown) return 1;
    exitCode = 1;
    await shutdown(`the API did not become ready on port ${apiPort} within 60 s`);
    return exitCode;
  }
  if (withWeb) {
    const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
    const web = await startChild('web', process.execPath, [next, 'start', '-p', String(webPort)], {
      cwd: path.join(root, 'apps', 'web'),
      env: { ...webEnv, NODE_ENV: 'production' },
      onExit: onExit('the web app'),
    });
    stoppers.push(() => web.stop());
    await waitReady(`http://127.0.0.1:${webPort}/`, 60_000);
  }

  const lines = [
    '',
    'Switchboard is running.',
    withWeb ? `  Web app   http://localhost:${webPort}` : '  Web app   not started',
    `  API       http://localhost:${apiPort}/api/v1`,
    `  API docs  http://localhost:${apiPort}/api/docs`,
    '',
    'Seeded logins:',
    ...loginsFrom(seed.output),
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
  return new Promise((resolve) => {
    resolveMain = () => resolve(exitCode);
  });
}

let resolveMain = null;
let shuttingDown = false;
async function shutdown(reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (reason) console.error(`${prefix('setup')} ${reason}`);
  log('stopping …');
  await stopAll();
  log('stopped');
  resolveMain?.();
}

process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

main()
  .then(async (code) => {
    await stopAll();
    process.exit(code ?? 0);
  })
  .catch(async (err) => {
    console.error(`${prefix('setup')} ${err.message}`);
    await stopAll();
    process.exit(1);
  });
