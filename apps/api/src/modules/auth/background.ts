import type { FastifyBaseLogger } from 'fastify';

/**
 * Work done after the answer is sent (looking up an account, writing a token, sending mail), so
 * the answer's timing cannot tell whether an e-mail address exists (A3). Failures are logged;
 * `drain` waits for what is still running at shutdown.
 */
export function createBackground(log: FastifyBaseLogger) {
  const running = new Set<Promise<void>>();
  return {
    run(what: string, fn: () => Promise<void>) {
      const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(fn)
        .catch((err: unknown) => log.error({ err }, `${what} failed`))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
export type Background = ReturnType<typeof createBackground>;
