import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

export type Service = { name: string; child: ChildProcess; alive: () => boolean; stop: () => Promise<void> };

/**
 * Starts a long-running process in its own process group, its output in `logFile`, so a stop
 * ends it and everything it spawned (next start forks workers).
 */
export function startService(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Service {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: 'pipe' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  child.on('exit', (code, signal) => {
    exited = true;
    // At LOG_LEVEL=warn a clean stop prints nothing; say how the process ended.
    log.write(`\n[e2e] ${name} exited (code ${code ?? '-'}, signal ${signal ?? '-'})\n`);
  });
  return {
    name,
    child,
    alive: () => !exited,
    stop: async () => {
      if (exited || child.pid === undefined) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      signal(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && signal(child.pid, 'SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(-pid, name);
  } catch {
    // Already gone.
  }
}

/** Runs a command to completion; rejects with the tail of its output when it fails. */
export function runStep(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Promise<string> {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => {
      log.end();
      if (code === 0) resolve(output);
      else
        reject(new Error(`${name} failed (exit ${code}); see ${options.logFile}:\n${output.slice(-3000)}`));
    });
  });
}
