import mysql from 'mysql2/promise';
import { z } from 'zod';
import { createLogger } from '../logger';
import { createControlHandler, createDemoGenerator, startAriSimulator } from '../telephony/simulator';

/**
 * Runs the ARI simulator on its own: `tsx src/entrypoints/simulator.ts`.
 *   ARI_SIM_PORT (8088), ARI_SIM_HOST (127.0.0.1), ARI_USERNAME / ARI_PASSWORD (switchboard),
 *   ARI_APP (switchboard), ARI_SIM_TIME_SCALE (1),
 *   ARI_SIM_ENDPOINTS  extra phones, e.g. "t1_1001,t1_1002"
 *   DATABASE_URL       when set, phones and trunks are read from ps_endpoints every 5 s
 *   ARI_SIM_DEMO_DIDS  when set (e.g. "+15557001,+15557002"), the demo generator places calls
 *   ARI_SIM_DEMO_CALLS_PER_MINUTE (4)
 */
const env = z
  .object({
    ARI_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(8088),
    ARI_SIM_HOST: z.string().default('127.0.0.1'),
    ARI_USERNAME: z.string().default('switchboard'),
    ARI_PASSWORD: z.string().default('switchboard'),
    ARI_APP: z.string().default('switchboard'),
    ARI_SIM_TIME_SCALE: z.coerce.number().positive().default(1),
    ARI_SIM_ENDPOINTS: z.string().default(''),
    ARI_SIM_DEMO_DIDS: z.string().default(''),
    ARI_SIM_DEMO_CALLS_PER_MINUTE: z.coerce.number().positive().default(4),
    DATABASE_URL: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const log = createLogger({ LOG_LEVEL: env.LOG_LEVEL, NODE_ENV: 'development' }, 'ari-simulator');
let demo: ReturnType<typeof createDemoGenerator> | undefined;
const pool = env.DATABASE_URL ? mysql.createPool({ uri: env.DATABASE_URL, connectionLimit: 2 }) : undefined;
const sim = await startAriSimulator({
  port: env.ARI_SIM_PORT,
  host: env.ARI_SIM_HOST,
  username: env.ARI_USERNAME,
  password: env.ARI_PASSWORD,
  defaultApp: env.ARI_APP,
  timeScale: env.ARI_SIM_TIME_SCALE,
  endpoints: list(env.ARI_SIM_ENDPOINTS).map((resource) => ({ resource })),
  log,
  araPool: pool,
  control: (s) => {
    demo = createDemoGenerator(s);
    return createControlHandler(s, demo);
  },
});

const dids = list(env.ARI_SIM_DEMO_DIDS);
if (dids.length > 0) demo?.start({ dids, callsPerMinute: env.ARI_SIM_DEMO_CALLS_PER_MINUTE });
log.info({ url: sim.url, app: sim.app, demo: dids.length > 0 }, 'ARI simulator listening');

const stop = async () => {
  demo?.stop();
  await sim.stop();
  await pool?.end();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
