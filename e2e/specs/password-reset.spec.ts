import { createDemoUser } from '../support/api';
import { webUrl } from '../support/env';
import { expect, login, logout, screenshot, test, unique } from '../support/fixtures';
import { findLink, waitForMail } from '../support/mail';

test('forgot password sends a real e-mail whose link sets a new password', async ({ page }) => {
  // Its own agent: the seeded users keep their passwords for the other specs.
  const user = await createDemoUser(
    'agent',
    `${unique('forgetful')}@e2e.switchboard.test`,
    'Frankie Forgetful',
  );
  const newPassword = 'A-brand-new-password-2';

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  const since = Date.now();
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText(`If an account exists for ${user.email}`)).toBeVisible();

  const message = await waitForMail(user.email, since);
  const link = findLink(message, `${webUrl()}/reset-password?token=`);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password', { exact: true }).fill(newPassword);
  await screenshot(page, 'reset-password');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('Your password has been changed')).toBeVisible();

  await login(page, { email: user.email, password: newPassword });
  await expect(page.getByRole('heading', { name: /^Welcome, Frankie Forgetful/ })).toBeVisible();
  await logout(page);

  // The old password is gone.
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /invalid|incorrect/i })).toBeVisible();
});
