import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/switchboard';
const PRIVATE_PORT = 3307;

/** True when something accepts TCP connections on host:port within the timeout. */
export function portAnswers(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitForPort(host, port, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await portAnswers(host, port, 500)) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

function which(names) {
  const dirs = [
    ...(process.env.PATH ?? '').split(path.delimiter),
    '/usr/sbin',
    '/usr/local/sbin',
    '/usr/bin',
  ];
  for (const name of names) {
    for (const dir of dirs) {
      const p = path.join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return null;
}

export const NO_SERVER_MESSAGE = [
  'No MySQL/MariaDB server answers and none is installed. Either:',
  '  sudo apt-get install mariadb-server          (then run `npm run dev` again), or',
  '  docker compose -f deploy/docker-compose.yml up -d mysql   (then set DATABASE_URL=mysql://root:switchboard@127.0.0.1:3306/switchboard), or',
  '  set DATABASE_URL in .env to a server you already have.',
].join('\n');

/**
 * Runs a private MariaDB/MySQL for this checkout under `.data/mysql`: its own data directory,
 * socket and port 3307, listening on 127.0.0.1 only. Returns null when no server binary exists.
 */
export async function startPrivateDatabase(rootDir, log) {
  const server = which(['mariadbd', 'mysqld']);
  if (!server) return null;
  const base = path.join(rootDir, '.data', 'mysql');
  const datadir = path.join(base, 'data');
  const socket = path.join(base, 'mysqld.sock');
  const url = `mysql://root@127.0.0.1:${PRIVATE_PORT}/switchboard`;
  mkdirSync(base, { recursive: true });

  if (await portAnswers('127.0.0.1', PRIVATE_PORT)) {
    log(`a database already answers on 127.0.0.1:${PRIVATE_PORT} (a private server left running?); using it`);
    return { url, stop: async () => {} };
  }
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  if (!existsSync(path.join(datadir, 'mysql'))) {
    log(`initialising a private database in ${datadir}`);
    const installer = which(['mariadb-install-db', 'mysql_install_db']);
    const isMaria = /mariadbd$/.test(server) || installer !== null;
    const init =
      isMaria && installer
        ? spawnSync(
            installer,
            [
              '--no-defaults',
              `--datadir=${datadir}`,
              '--auth-root-authentication-method=normal',
              '--skip-test-db',
              ...asRoot,
            ],
            { encoding: 'utf8' },
          )
        : spawnSync(server, ['--no-defaults', '--initialize-insecure', `--datadir=${datadir}`, ...asRoot], {
            encoding: 'utf8',
          });
    if (init.status !== 0) {
      throw new Error(`initialising the private database failed:\n${init.stdout ?? ''}${init.stderr ?? ''}`);
    }
  }
  const errorLog = path.join(base, 'error.log');
  const child = spawn(
    server,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${PRIVATE_PORT}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${path.join(base, 'mysqld.pid')}`,
      `--log-error=${errorLog}`,
      '--innodb-buffer-pool-size=128M',
      ...asRoot,
    ],
    // Same process group as the quick start: mariadbd ignores the SIGINT of a Ctrl-C, so it keeps
    // serving the API while that drains, and the quick start stops it last with SIGTERM.
    { stdio: ['ignore', openSync(errorLog, 'a'), openSync(errorLog, 'a')] },
  );
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  log(`starting private ${path.basename(server)} on 127.0.0.1:${PRIVATE_PORT} (log: ${errorLog})`);
  const up = await Promise.race([waitForPort('127.0.0.1', PRIVATE_PORT, 60_000), exited.then(() => false)]);
  if (!up) {
    child.kill('SIGKILL');
    const tail = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new Error(`the private database did not start; last lines of ${errorLog}:\n${tail}`);
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      log('private database stopped');
    },
  };
}
