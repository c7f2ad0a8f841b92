import { expect, login, logout, mainNav, screenshot, test } from '../support/fixtures';

/** An extension no earlier run used: 7 followed by five digits from the clock. */
function uniqueExtension(): string {
  return `7${String(Date.now()).slice(-5)}`;
}

test('an admin creates a SIP phone through the wizard and sees the settings the phone needs', async ({
  page,
}) => {
  await login(page, 'admin');
  await mainNav(page).getByRole('link', { name: 'Endpoints' }).click();
  await expect(page.getByRole('heading', { name: 'Endpoints', level: 1 })).toBeVisible();
  await screenshot(page, 'telephony-endpoints-list');

  await page.getByRole('link', { name: 'New endpoint' }).first().click();
  await expect(page.getByRole('heading', { name: 'New endpoint', level: 1 })).toBeVisible();
  await page.getByRole('radio', { name: /SIP phone/ }).click();
  await screenshot(page, 'telephony-endpoint-wizard-kind');
  await page.getByRole('button', { name: 'Continue' }).click();

  // The contract's rule is checked in the browser before anything is sent.
  await page.getByRole('textbox', { name: 'Extension', exact: true }).fill('0123');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Front desk');
  await page.getByRole('button', { name: 'Create endpoint' }).click();
  await expect(page.getByText('Expected 2–10 digits, not starting with 0')).toBeVisible();

  const extension = uniqueExtension();
  await page.getByRole('textbox', { name: 'Extension', exact: true }).fill(extension);
  await page.getByLabel('Caller ID name').fill('Front desk');
  await screenshot(page, 'telephony-endpoint-wizard-details');
  await page.getByRole('button', { name: 'Create endpoint' }).click();

  await expect(page.getByRole('heading', { name: 'Phone settings' })).toBeVisible();
  const settings = page.getByTestId('sip-settings');
  // The SIP username is the tenant-namespaced Asterisk name, ending in the extension.
  await expect(settings.getByText(new RegExp(`_${extension}$`))).toBeVisible();
  await expect(settings.getByText('Server')).toBeVisible();
  for (const label of ['Server', 'Port', 'Transport', 'Username']) {
    await expect(settings.getByRole('button', { name: `Copy ${label}` })).toBeVisible();
  }

  await settings.getByRole('button', { name: 'Show password' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Show the SIP password?' });
  await confirm.getByRole('button', { name: 'Show password' }).click();
  await expect(settings.getByTestId('sip-password')).toHaveText(/\S{12,}/);
  await expect(settings.getByRole('button', { name: 'Copy Password' })).toBeVisible();
  await screenshot(page, 'telephony-endpoint-wizard-settings');

  await page.getByRole('link', { name: 'Open endpoint' }).click();
  await expect(page.getByRole('heading', { name: `${extension} · Front desk`, level: 1 })).toBeVisible();
  await expect(page.getByText('Not registered').first()).toBeVisible();
  await screenshot(page, 'telephony-endpoint-edit');

  await mainNav(page).getByRole('link', { name: 'Endpoints' }).click();
  await page.getByLabel('Search extension or name').fill(extension);
  const row = page.getByRole('row', { name: new RegExp(extension) });
  await expect(row.getByText('SIP phone')).toBeVisible();
  await expect(row.getByText('Not registered')).toBeVisible();
});

test('a supervisor reads endpoints without changing them; an agent has no telephony settings', async ({ page }) => {
  await login(page, 'supervisor');
  await mainNav(page).getByRole('link', { name: 'Endpoints' }).click();
  await expect(page.getByRole('heading', { name: 'Endpoints', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New endpoint' })).toHaveCount(0);
  await page.goto('/endpoints/new');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();

  await logout(page);
  await login(page, 'agent');
  for (const section of ['Endpoints', 'Phone numbers', 'IVR menus', 'Schedules', 'Trunks']) {
    await expect(mainNav(page).getByRole('link', { name: section })).toHaveCount(0);
  }
  await page.goto('/trunks');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
});
