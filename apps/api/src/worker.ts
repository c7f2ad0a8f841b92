import type { Container } from './container';

export type WorkerTask = { name: string; start: () => Promise<void>; stop: () => Promise<void> };

/**
 * The worker role: ARI connections, call routing and scheduled jobs (DESIGN §1). Modules add
 * tasks with `worker.add(...)`; the worker starts them in order and stops them in reverse.
 */
export function createWorker(container: Container) {
  const tasks: WorkerTask[] = [];
  let started = false;
  return {
    add(task: WorkerTask) {
      tasks.push(task);
    },
    async start() {
      for (const t of tasks) {
        await t.start();
        container.log.info({ task: t.name }, 'worker task started');
      }
      started = true;
      container.log.info({ tasks: tasks.map((t) => t.name) }, 'worker running');
    },
    async stop() {
      if (!started) return;
      for (const t of [...tasks].reverse()) {
        try {
          await t.stop();
        } catch (err) {
          container.log.error({ err, task: t.name }, 'worker task failed to stop');
        }
      }
      started = false;
      container.log.info('worker stopped');
    },
  };
}
export type Worker = ReturnType<typeof createWorker>;
