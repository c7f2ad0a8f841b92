import type { App } from '../app';
import type { Container } from '../container';
import type { Worker } from '../worker';

/**
 * Every task the worker role runs. Modules add theirs here (the ARI bridge, SLA checks,
 * retention). The heartbeat task logs that the worker is alive, so a silent worker is visible.
 */
export function registerWorkerTasks(worker: Worker, container: Container, _app: App) {
  let timer: NodeJS.Timeout | undefined;
  worker.add({
    name: 'heartbeat',
    async start() {
      timer = setInterval(() => container.log.debug('worker heartbeat'), 60_000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
    },
  });
}
