import type { App } from '../app';
import type { Container } from '../container';
import type { Worker } from '../worker';
import { realtimeWorkerTasks } from '../realtime/worker-tasks';

/**
 * Every task the worker role runs. Modules add theirs here (the ARI bridge, SLA checks,
 * retention). The heartbeat task logs that the worker is alive, so a silent worker is visible.
 */
export function registerWorkerTasks(worker: Worker, container: Container, _app: App) {
  let timer: NodeJS.Timeout | undefined;
  worker.add({
    name: 'heartbeat',
    async start() {
      // Not unref'd: in the worker role nothing else may hold the event loop (no HTTP server,
      // no ARI configured), and the process must run until SIGTERM.
      timer = setInterval(() => container.log.debug('worker heartbeat'), 60_000);
    },
    async stop() {
      clearInterval(timer);
    },
  });
  for (const task of realtimeWorkerTasks(container)) worker.add(task);
  let pruneTimer: NodeJS.Timeout | undefined;
  worker.add({
    name: 'login throttle prune',
    async start() {
      // Hourly: sign-in throttle rows and sign-in links older than a day (modules/auth README).
      const prune = () =>
        container.auth.throttles
          .prune(container.clock.now())
          .catch((err: unknown) => container.log.warn({ err }, 'login throttle prune failed'));
      pruneTimer = setInterval(() => void prune(), 60 * 60_000);
      pruneTimer.unref();
      void prune();
    },
    async stop() {
      clearInterval(pruneTimer);
    },
  });
  worker.add({
    name: 'telephony',
    start: () => container.telephony.start(),
    stop: () => container.telephony.stop(),
  });
}
