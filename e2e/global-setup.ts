import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { seededUsers, simCredentials } from './support/env';
import { freePort, waitForHttp } from './support/ports';
import { runStep, startService, type Service } from './support/processes';
import { startSmtpCapture } from './support/smtp';
import { choosePort, readBuild } from './support/web-build';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'e2e/artifacts');
const logs = path.join(artifacts, 'logs');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const serverUrl = process.env.E2E_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

function log(message: string) {
  console.log(`[e2e] ${message}`);
}

/**
 * A fresh database (migrated and seeded), a real SMTP server, the API and the production web
 * build, started once for the whole run; the returned function tears all of it down.
 */
export default async function globalSetup() {
  const started = Date.now();
  const database = `sbe2e_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `${serverUrl}/${database}`;
  const mailDir = path.join(artifacts, 'mail', database);
  rmSync(logs, { recursive: true, force: true });
  mkdirSync(logs, { recursive: true });
  const services: Service[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>> | null = null;

  const teardown = async () => {
    for (const service of services.reverse()) await service.stop();
    await smtp?.close();
    await dropDatabase(database);
    log(`stopped; dropped ${database}`);
  };

  try {
    const build = readBuild(root);
    const { apiPort, rebuild } = await choosePort(build, freePort);
    const webPort = await freePort();
    const webUrl = `http://127.0.0.1:${webPort}`;
    // The phone system: the ARI simulator in its own process (see e2e/README.md "Calls").
    const simPort = await freePort();
    const simUrl = `http://127.0.0.1:${simPort}`;
    smtp = await startSmtpCapture(mailDir);

    const apiEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      SWITCHBOARD_ROLE: 'all',
      DATABASE_URL: databaseUrl,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      PUBLIC_URL: webUrl,
      CORS_ORIGINS: webUrl,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Switchboard e2e <no-reply@e2e.switchboard.test>',
      STORAGE_DIR: path.join(artifacts, 'storage', database),
      LOG_LEVEL: 'warn',
      // Every spec signs in several times from one IP; the per-IP limits are tested in the API's own suite.
      AUTH_RATE_LIMIT_MAX: '1000',
      RATE_LIMIT_MAX: '100000',
      ARI_URL: simUrl,
      ARI_USERNAME: simCredentials.username,
      ARI_PASSWORD: simCredentials.password,
      SEED_ADMIN_EMAIL: seededUsers.admin.email,
      SEED_ADMIN_PASSWORD: seededUsers.admin.password,
      PLATFORM_ADMIN_EMAIL: seededUsers.operator.email,
      PLATFORM_ADMIN_PASSWORD: seededUsers.operator.password,
    };

    log(`database ${database}: migrating and seeding`);
    const stepOptions = { cwd: root, env: apiEnv, logFile: path.join(logs, 'database.log') };
    await runStep('migrate', bin('tsx'), ['apps/api/src/entrypoints/migrate.ts'], stepOptions);
    await runStep('seed', bin('tsx'), ['apps/api/src/entrypoints/seed.ts'], stepOptions);

    const webEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      API_PORT: String(apiPort),
      PORT: String(webPort),
      NEXT_TELEMETRY_DISABLED: '1',
    };
    if (rebuild || process.env.E2E_REBUILD === '1') {
      log(`building the web app for API port ${apiPort} (next build; reused while sources are unchanged)`);
      await runStep('next build', bin('next'), ['build'], {
        cwd: build.webDir,
        env: webEnv,
        logFile: path.join(logs, 'web-build.log'),
      });
      build.markBuilt(apiPort);
    } else {
      log(`reusing the web build made for API port ${apiPort}`);
    }

    const simulator = startService('simulator', bin('tsx'), ['apps/api/src/entrypoints/simulator.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ARI_SIM_PORT: String(simPort),
        ARI_USERNAME: simCredentials.username,
        ARI_PASSWORD: simCredentials.password,
        // Phones are learnt from ps_endpoints, as a realtime Asterisk would.
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
      },
      logFile: path.join(logs, 'simulator.log'),
    });
    services.push(simulator);
    await waitForHttp(`${simUrl}/ari/asterisk/info`, 30_000, simulator.alive);

    const api = startService('api', bin('tsx'), ['apps/api/src/entrypoints/api.ts'], {
      cwd: root,
      env: apiEnv,
      logFile: path.join(logs, 'api.log'),
    });
    services.push(api);
    const web = startService('web', bin('next'), ['start', '-p', String(webPort), '-H', '127.0.0.1'], {
      cwd: build.webDir,
      env: { ...webEnv, NODE_ENV: 'production' },
      logFile: path.join(logs, 'web.log'),
    });
    services.push(web);
    await waitForHttp(`http://127.0.0.1:${apiPort}/healthz`, 60_000, api.alive);
    await waitForHttp(`${webUrl}/login`, 60_000, web.alive);
    // The first request through the rewrite proves the web app reaches this API.
    await waitForHttp(`${webUrl}/healthz`, 10_000, web.alive);

    process.env.E2E_WEB_URL = webUrl;
    process.env.E2E_API_URL = `http://127.0.0.1:${apiPort}`;
    process.env.E2E_MAIL_DIR = mailDir;
    process.env.E2E_DATABASE = database;
    process.env.E2E_SIM_URL = simUrl;
    log(`ready in ${Math.round((Date.now() - started) / 1000)} s: web ${webUrl}, API :${apiPort}`);
    return teardown;
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
}

async function dropDatabase(database: string) {
  if (!/^sbe2e_[0-9a-f]+$/.test(database)) return;
  const connection = await mysql.createConnection(serverUrl);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}
