import type { Container } from '../container';
import type { WorkerTask } from '../worker';

/** Runs `fn` every `ms`, never two at once; a failure is logged and the next tick tries again. */
export function periodicTask(
  container: Container,
  name: string,
  ms: number,
  fn: () => Promise<unknown>,
): WorkerTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = fn()
      .catch((err) => container.log.error({ err, task: name }, 'worker task run failed'))
      .finally(() => {
        running = null;
      });
  };
  return {
    name,
    async start() {
      timer = setInterval(tick, ms);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * The worker's real-time duties: agents whose wrap-up is over become available, agents no
 * instance has seen for the grace period go offline, and old events are pruned (hourly).
 * Each is one conditional UPDATE per agent, so a second worker running them is harmless.
 */
export function realtimeWorkerTasks(container: Container): WorkerTask[] {
  const { options } = container.realtime;
  return [
    periodicTask(container, 'agent-timers', options.sweepIntervalMs, async () => {
      await container.agents.expireWrapUps();
      await container.agents.sweepPresence();
    }),
    periodicTask(container, 'realtime-retention', 60 * 60 * 1000, () => container.realtime.prune()),
  ];
}
