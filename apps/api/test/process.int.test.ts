import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from './helpers';

/**
 * The real entry points as separate processes: they start, answer, and on SIGTERM stop cleanly
 * with exit code 0 (RELIABILITY F8); a bad setting stops start-up with a message naming it.
 */
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsxCli = path.resolve(apiDir, '../../node_modules/tsx/dist/cli.mjs');

let database: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

type Started = {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: string | null }>;
};

function start(entry: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, [tsxCli, entry], {
    cwd: apiDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exit };
}

async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
  out: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} within ${timeoutMs} ms; output:\n${out().slice(-3000)}`);
}

async function stopWithin(p: Started, ms: number) {
  const sent = Date.now();
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), ms);
  const result = await p.exit;
  clearTimeout(timer);
  return { ...result, tookMs: Date.now() - sent };
}

const baseEnv = () => ({
  DATABASE_URL: database.url,
  JWT_SECRET: 'process-test-secret-process-test-secret-0123',
  LOG_LEVEL: 'info',
  API_HOST: '127.0.0.1',
});

describe('entry points as processes', () => {
  it('the API becomes ready and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const api = start('src/entrypoints/api.ts', {
      ...baseEnv(),
      API_PORT: String(port),
      SWITCHBOARD_ROLE: 'all',
    });
    try {
      await until(
        async () => {
          if (api.child.exitCode !== null) throw new Error(`API exited early:\n${api.output()}`);
          const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
          return res?.status === 200;
        },
        30_000,
        'the API did not answer /readyz 200',
        api.output,
      );
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      const stopped = await stopWithin(api, 10_000);
      expect(stopped, api.output().slice(-2000)).toMatchObject({ code: 0 });
      expect(stopped.tookMs).toBeLessThan(10_000);
    }
    expect(api.output()).toContain('stopped cleanly');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 60_000);

  it('the worker starts, logs, and stops cleanly on SIGTERM', async () => {
    const worker = start('src/entrypoints/worker.ts', { ...baseEnv(), API_PORT: String(await freePort()) });
    try {
      await until(
        () => {
          if (worker.child.exitCode !== null) throw new Error(`worker exited early:\n${worker.output()}`);
          return worker.output().includes('switchboard started');
        },
        30_000,
        'the worker did not log that it started',
        worker.output,
      );
      expect(worker.output()).toContain('worker running');
    } finally {
      const stopped = await stopWithin(worker, 10_000);
      expect(stopped, worker.output().slice(-2000)).toMatchObject({ code: 0 });
    }
    expect(worker.output()).toContain('stopped cleanly');
  }, 60_000);

  it('refuses to start with a bad setting and names it', async () => {
    const api = start('src/entrypoints/api.ts', {
      ...baseEnv(),
      JWT_SECRET: 'too-short',
      API_PORT: 'eighty',
    });
    const result = await Promise.race([
      api.exit,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('did not exit')), 20_000)),
    ]);
    expect(result.code).toBe(1);
    expect(api.output()).toMatch(/JWT_SECRET/);
    expect(api.output()).toMatch(/API_PORT/);
  }, 30_000);
});
