import type { Browser, Locator, Page } from '@playwright/test';
import { apiUrl, seededUsers, simCredentials, simUrl, webUrl, type SeededUser } from '../support/env';
import { expect, login, screenshot, test } from '../support/fixtures';

/**
 * A live call end to end: the API routes calls from the ARI simulator (global-setup starts it and
 * points ARI_URL at it). The spec takes the demo agent's desk phone and adds a number straight into
 * the Sales queue (the demo DID goes through an IVR menu first), the agent goes
 * available on the console, a scripted caller dials in, the console rings and the supervisor's
 * wallboard counts the call.
 */

type Api = (method: string, path: string, body?: unknown) => Promise<unknown>;

async function apiAs(who: SeededUser): Promise<Api> {
  const user = seededUsers[who];
  const login = await fetch(`${apiUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
  return async (method, path, body) => {
    const response = await fetch(`${apiUrl()}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as { data: unknown };
    if (!response.ok)
      throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(payload)}`);
    return payload.data;
  };
}

/** The simulator's /_sim/ scripting API (same basic auth as its ARI). */
async function sim(method: string, path: string, body?: unknown) {
  const auth = Buffer.from(`${simCredentials.username}:${simCredentials.password}`).toString('base64');
  const response = await fetch(`${simUrl()}/_sim/${path}`, {
    method,
    headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /_sim/${path}: HTTP ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const digits = (n = 4) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');

/** A phone for the seeded agent and a DID into Sales; resolves once the simulator knows the phone. */
async function provision() {
  const admin = await apiAs('admin');
  const [agent] = (await admin(
    'GET',
    `/api/v1/users?search=${encodeURIComponent(seededUsers.agent.email)}`,
  )) as { id: string }[];
  const queues = (await admin('GET', '/api/v1/queues?search=Sales')) as { id: string; name: string }[];
  const sales = queues.find((q) => q.name === 'Sales');
  if (!agent || !sales) throw new Error('the demo seed has no agent1 or no Sales queue');
  // The demo seed gives agent1 a desk phone; the router rings a user's first phone, so use that one.
  const [existing] = (await admin('GET', `/api/v1/endpoints?user_id=${agent.id}`)) as {
    sip_username: string;
  }[];
  const endpoint =
    existing ??
    ((await admin('POST', '/api/v1/endpoints', {
      extension: `7${digits(3)}`,
      display_name: 'Alex desk phone',
      user_id: agent.id,
    })) as { sip_username: string });
  const did = `+1555555${digits(4)}`;
  await admin('POST', '/api/v1/dids', { number: did, destination: { type: 'queue', queue_id: sales.id } });
  // The simulator reads ps_endpoints every 5 s, like a realtime Asterisk.
  await expect
    .poll(
      async () => {
        const state = (await sim('GET', 'state')) as {
          endpoints: { resource: string; registered: boolean }[];
        };
        return state.endpoints.some((e) => e.resource === endpoint.sip_username && e.registered);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  // The phone rings until the spec answers it.
  await sim('POST', `phones/${endpoint.sip_username}`, { behaviour: { mode: 'manual' } });
  return { phone: endpoint.sip_username, did };
}

async function signedInPage(browser: Browser, who: SeededUser): Promise<Page> {
  const context = await browser.newContext({ baseURL: webUrl() });
  const page = await context.newPage();
  await login(page, who);
  return page;
}

async function figure(tile: Locator, name: string) {
  const text = await tile.getByTestId(name).locator('dd').first().textContent();
  return Number((text ?? '').replace(/\D/g, '') || 0);
}

test('a simulated call rings on the agent console and the supervisor wallboard counts it', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { phone, did } = await provision();
  const caller = `+1555777${digits(4)}`;

  await login(page, 'agent');
  await page.goto('/console');
  await expect(page.getByRole('heading', { name: 'Agent console' })).toBeVisible();
  await expect(page.getByTestId('realtime-status')).toHaveAttribute('data-status', 'open');
  await page.getByTestId('agent-state-select').click();
  await page.getByRole('option', { name: 'Available' }).click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'available');
  await expect(page.getByText('No call right now')).toBeVisible();
  await screenshot(page, 'calls-console-available');

  const supervisor = await signedInPage(browser, 'supervisor');
  await supervisor.goto('/wallboard');
  const sales = supervisor
    .getByTestId('queue-tile')
    .filter({ has: supervisor.getByRole('heading', { name: 'Sales' }) });
  await expect(sales).toBeVisible();
  await expect(supervisor.getByTestId('realtime-status')).toHaveAttribute('data-status', 'open');
  const offeredBefore = await figure(sales, 'stat-offered');

  const call = await sim('POST', 'calls', {
    from: caller,
    to: did,
    simulated: true,
    callerName: 'E2E caller',
  });

  const banner = page.getByTestId('incoming-call');
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText(caller);
  await expect(banner).toContainText('Sales');
  await expect(banner).toContainText('Answer on your phone');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ringing');
  await screenshot(page, 'calls-console-ringing');

  await expect.poll(() => figure(sales, 'stat-offered'), { timeout: 20_000 }).toBeGreaterThan(offeredBefore);
  await expect(supervisor.getByTestId('agents-ringing')).toContainText('1');
  await screenshot(supervisor, 'calls-wallboard-ringing');

  await sim('POST', `phones/${phone}/answer`);
  const current = page.getByTestId('current-call');
  await expect(current).toBeVisible({ timeout: 20_000 });
  await expect(current).toContainText(caller);
  await expect(banner).toHaveCount(0);
  await expect(current.getByRole('button', { name: 'Hold' })).toBeEnabled();
  await screenshot(page, 'calls-console-on-call');

  // Hold goes through the API and the router to the simulator and comes back as call.updated.
  await current.getByRole('button', { name: 'Hold' }).click();
  await expect(current).toContainText('On hold');
  await current.getByRole('button', { name: 'Resume' }).click();
  await expect(current.getByRole('button', { name: 'Hold' })).toBeVisible();
  await expect(current).not.toContainText('On hold');

  await expect.poll(() => figure(sales, 'stat-answered'), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(supervisor.getByTestId('agents-on_call')).toContainText('1');
  await screenshot(supervisor, 'calls-wallboard-answered');

  await supervisor.getByRole('link', { name: 'Full screen' }).click();
  await expect(supervisor).toHaveURL(/\/wallboard-fullscreen$/);
  await expect(supervisor.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
  await expect(supervisor.getByTestId('queue-tile').first()).toBeVisible();
  await screenshot(supervisor, 'calls-wallboard-fullscreen');

  await supervisor.goto('/live-calls');
  const row = supervisor.getByRole('row').filter({ hasText: caller });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Connected');
  await expect(row).toContainText('Simulated');
  await expect(row).toContainText(seededUsers.agent.name);
  await screenshot(supervisor, 'calls-live-calls');

  // Listening rings the supervisor's own phone (the demo seed gives the supervisor extension 2100).
  await row.getByRole('button', { name: /^Actions for the call from/ }).click();
  await supervisor.getByRole('menuitem', { name: 'Listen' }).click();
  const dialog = supervisor.getByRole('alertdialog');
  await expect(dialog).toContainText('Your own phone will ring');
  await screenshot(supervisor, 'calls-live-calls-listen');
  await dialog.getByRole('button', { name: 'Ring my phone' }).click();
  await expect(supervisor.getByText('Your phone is ringing; pick it up to join the call').first()).toBeVisible();

  await sim('POST', `calls/${String(call.id)}/hangup`);
  await expect(page.getByTestId('wrap-up')).toBeVisible({ timeout: 20_000 });
  await expect(row).toHaveCount(0);
  await expect(supervisor.getByText('No calls right now')).toBeVisible();
  await screenshot(page, 'calls-console-wrap-up');

  // Click to call needs a phone to ring first: someone without one is told so.
  await supervisor.context().close();
  const admin = await signedInPage(browser, 'admin');
  await admin.goto('/console');
  await admin.getByLabel('Number or extension').fill('+15555550123');
  await admin.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(admin.getByText(/You have no phone assigned/).first()).toBeVisible();
  await screenshot(admin, 'calls-console-no-phone');
  await admin.context().close();
});
