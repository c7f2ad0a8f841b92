import { createDemoUser } from '../support/api';
import { expect, login, mainNav, screenshot, test, unique } from '../support/fixtures';
import { totpCode } from '../support/totp';

test('the admin creates a custom role, reads the audit log and the organisation settings', async ({
  page,
}) => {
  await login(page, 'admin');

  await mainNav(page).getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('heading', { name: 'Roles', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /Supervisor/ })).toContainText('System');
  await screenshot(page, 'roles-list');

  const roleName = unique('Team lead');
  await page.getByRole('link', { name: 'New role' }).click();
  await page.getByLabel('Name').fill(roleName);
  await page.getByRole('checkbox', { name: 'List and view users' }).check();
  await page.getByRole('checkbox', { name: 'All Audit permissions' }).check();
  await screenshot(page, 'role-editor');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByText(`Role ${roleName} was created`)).toBeVisible();
  await expect(page.getByRole('heading', { name: roleName, level: 1 })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Read the audit log' })).toBeChecked();

  await mainNav(page).getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Filter by action').fill('role.created');
  const entry = page.getByRole('row', { name: /role\.created/ }).first();
  await expect(entry).toBeVisible();
  await screenshot(page, 'audit-log');
  await entry.click();
  const sheet = page.getByRole('dialog', { name: 'role.created' });
  await expect(sheet.getByRole('cell', { name: roleName })).toBeVisible();
  await screenshot(page, 'audit-entry');
  await page.keyboard.press('Escape');

  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Business hours' })).toBeVisible();
  await expect(page.getByLabel('Organisation name')).toHaveValue('Demo Company');
  await screenshot(page, 'settings-organisation');

  await page.getByRole('link', { name: 'My profile' }).click();
  await expect(page.getByLabel('E-mail')).toHaveValue('admin@e2e.switchboard.test');
  await screenshot(page, 'settings-profile');
  await page.getByRole('link', { name: 'Password' }).click();
  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel(/^New password/).fill('A-new-password-123');
  await page.getByLabel('Confirm new password').fill('A-different-one-123');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The passwords do not match')).toBeVisible();
  await screenshot(page, 'settings-password');
});

test('a supervisor turns on two-factor sign-in with the QR secret and keeps the recovery codes', async ({
  page,
}) => {
  // Its own supervisor: the seeded ones must keep signing in without a code in the other specs.
  const email = `${unique('twofactor')}@e2e.switchboard.test`;
  await login(page, await createDemoUser('supervisor', email, 'Toni Twofactor'));
  await page.goto('/settings/two-factor');
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.locator('code').first().textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await screenshot(page, 'two-factor-enroll');

  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Confirm and turn on' }).click();
  await expect(page.getByText('The code is not valid')).toBeVisible();

  await page.getByLabel('Authentication code').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Confirm and turn on' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' });
  await expect(codes.getByRole('listitem').first()).toBeVisible();
  await screenshot(page, 'two-factor-recovery-codes');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByRole('heading', { name: 'Turn off two-factor authentication' })).toBeVisible();
});
