import { loadConfig, ConfigError, type Config } from '../config';
import { createLogger } from '../logger';
import { buildApp } from '../app';
import { createWorker } from '../worker';
import { registerWorkerTasks } from '../jobs/tasks';

/**
 * Starts the roles chosen by SWITCHBOARD_ROLE (or forced by the entry point) and stops them
 * gracefully on SIGTERM/SIGINT: in-flight requests drain, sockets close with 1012 (F8).
 */
export async function run(forcedRole?: Config['SWITCHBOARD_ROLE']) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const role = forcedRole ?? config.SWITCHBOARD_ROLE;
  const log = createLogger(config, `switchboard-${role}`);
  const app = await buildApp({ config, logger: log });
  const worker = createWorker(app.container);
  const runApi = role === 'all' || role === 'api';
  const runWorker = role === 'all' || role === 'worker';

  if (runWorker) {
    registerWorkerTasks(worker, app.container, app);
    await worker.start();
  }
  if (runApi) {
    await app.listen({ host: config.API_HOST, port: config.API_PORT });
  } else {
    await app.ready();
  }
  log.info({ role, port: runApi ? config.API_PORT : undefined }, 'switchboard started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await worker.stop();
      await app.close();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
