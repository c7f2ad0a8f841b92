/**
 * What the global setup starts, shared with the specs. The setup writes the run's URLs into the
 * environment before any worker starts, and workers inherit it.
 */
export const e2eDomain = 'e2e.switchboard.test';

/** The demo seed's people (see apps/api/src/modules/seed); supervisor and agents share the admin's password. */
export const seededUsers = {
  admin: { email: `admin@${e2eDomain}`, password: 'E2e-admin-password-1', name: 'Dana Admin' },
  supervisor: { email: `supervisor@${e2eDomain}`, password: 'E2e-admin-password-1', name: 'Sam Supervisor' },
  agent: { email: `agent1@${e2eDomain}`, password: 'E2e-admin-password-1', name: 'Alex Agent' },
  agent2: { email: `agent2@${e2eDomain}`, password: 'E2e-admin-password-1', name: 'Robin Agent' },
  operator: {
    email: 'operator@e2e-platform.test',
    password: 'E2e-operator-password-1',
    name: 'Platform operator',
  },
} as const;

export type SeededUser = keyof typeof seededUsers;

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the specs through e2e/playwright.config.ts (npm run test:e2e)`);
  return value;
}

/** The web app's origin, e.g. http://127.0.0.1:41234. */
export const webUrl = () => required('E2E_WEB_URL');
/** The API's own origin (the browser reaches it through the web app's /api rewrite). */
export const apiUrl = () => required('E2E_API_URL');
/** Where the in-process SMTP server writes each message it receives, one JSON file per message. */
export const mailDir = () => required('E2E_MAIL_DIR');

/** The ARI simulator (the e2e phone system): its ARI and its /_sim/ control API share these. */
export const simCredentials = { username: 'switchboard', password: 'e2e-sim-password' } as const;
/** The simulator's origin; `POST /_sim/calls` places a caller (apps/api/src/telephony/simulator/control.ts). */
export const simUrl = () => required('E2E_SIM_URL');
