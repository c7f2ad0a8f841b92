import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLORS = { api: 36, web: 35, db: 33, setup: 32 };
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

export function prefix(name) {
  const label = `[${name}]`.padEnd(7);
  return useColor ? `\x1b[${COLORS[name] ?? 37}m${label}\x1b[0m` : label;
}

/** Turns pino JSON lines into short readable ones; anything else passes through unchanged. */
async function lineFormatter() {
  try {
    const { prettyFactory } = await import('pino-pretty');
    const pretty = prettyFactory({
      colorize: useColor,
      translateTime: 'HH:MM:ss',
      ignore: 'pid,hostname,name',
      singleLine: true,
    });
    return (line) => {
      if (!line.startsWith('{')) return line;
      try {
        return pretty(JSON.parse(line)).trimEnd();
      } catch {
        return line;
      }
    };
  } catch {
    return (line) => line;
  }
}

/**
 * A long-running child with prefixed output. It stays in the quick start's process group, so
 * whatever kills the group (a terminal's Ctrl-C, a test runner stopping its web server) reaches it
 * too and nothing is left running; `stop` asks it to end with SIGTERM, then SIGKILL after a grace.
 */
export async function startChild(name, command, args, { cwd, env, onExit }) {
  const format = await lineFormatter();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) =>
      process.stdout.write(`${prefix(name)} ${format(line)}\n`),
    );
  }
  let stopping = false;
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) onExit?.(code, signal);
      resolve(code);
    }),
  );
  return {
    name,
    async stop(graceMs = 15_000) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a command to completion with prefixed output; resolves with its exit code and output. */
export function runStep(name, command, args, { cwd, env, quiet = false }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output += `${line}\n`;
        if (!quiet) process.stdout.write(`${prefix(name)} ${line}\n`);
      });
    }
    child.once('error', (err) => resolve({ code: 1, output: `${output}${err.message}\n` }));
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
