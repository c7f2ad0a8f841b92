import { expect, login, logout, mainNav, screenshot, test, unique } from '../support/fixtures';

test('the seeded admin signs in, adds a user and sees it listed', async ({ page }) => {
  await login(page, 'admin');
  await expect(page.getByRole('heading', { name: /^Welcome, Dana Admin/ })).toBeVisible();
  await expect(page.getByText('Usage and limits')).toBeVisible();
  await screenshot(page, 'home-admin');

  await mainNav(page).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await expect(page.getByText('agent1@e2e.switchboard.test')).toBeVisible();

  const name = unique('Casey Tester');
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@e2e.switchboard.test`;
  await page.getByRole('button', { name: 'Add user' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await dialog.getByLabel('Full name').fill(name);
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByLabel('Initial password').fill('short');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  // The contract's own rule, shown on the field before anything is sent.
  await expect(dialog.getByText('At least 12 characters', { exact: true })).toBeVisible();
  await dialog.getByLabel('Initial password').fill('A-good-long-password-1');
  await screenshot(page, 'users-create-dialog');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${name} was added`)).toBeVisible();

  await page.getByLabel('Search users').fill(name);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row.getByText('Agent', { exact: true })).toBeVisible();
  await expect(row.getByText('Active')).toBeVisible();
  await page.getByLabel('Search users').fill('');
  await expect(page.getByText('agent1@e2e.switchboard.test')).toBeVisible();
  await screenshot(page, 'users-list');

  await row.click();
  await expect(page.getByRole('heading', { name: new RegExp(name), level: 1 })).toBeVisible();
  await screenshot(page, 'user-detail');

  await page.getByRole('switch', { name: /Can sign in/ }).click();
  const confirm = page.getByRole('alertdialog', { name: `Disable ${name}?` });
  await confirm.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByText(`${name} is disabled and signed out`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 }).getByText('Disabled')).toBeVisible();

  await logout(page);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
