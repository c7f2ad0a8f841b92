import { expect, login, mainNav, screenshot, test, unique } from '../support/fixtures';

test('a platform admin creates a tenant, sets a limit, toggles a feature and switches into it', async ({
  page,
}) => {
  await login(page, 'operator');
  await mainNav(page).getByRole('link', { name: 'Tenants' }).click();
  await expect(page.getByRole('heading', { name: 'Tenants', level: 1 })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Demo Company/ })).toBeVisible();
  await screenshot(page, 'tenants-list');

  const name = unique('Northwind');
  await page.getByRole('button', { name: 'New tenant' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create a tenant' });
  await dialog.getByLabel('Organisation name').fill(name);
  await expect(dialog.getByLabel('Slug')).toHaveValue(name.toLowerCase());
  await dialog.getByLabel("Administrator's name").fill('Nora Admin');
  await dialog.getByLabel("Administrator's e-mail").fill(`nora@${name.toLowerCase()}.test`);
  await dialog.getByLabel("Administrator's password").fill('Northwind-admin-pass-1');
  await screenshot(page, 'tenants-create-dialog');
  await dialog.getByRole('button', { name: 'Create tenant' }).click();

  await expect(page.getByRole('heading', { name: new RegExp(name), level: 1 })).toBeVisible();
  await expect(page.getByText(`${name} was created`)).toBeVisible();

  const users = page.getByLabel('Users', { exact: true });
  await users.fill('1');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByText('Limits saved')).toBeVisible();

  const chat = page.getByRole('switch', { name: 'Chat' });
  await expect(chat).toBeChecked();
  await chat.click();
  await expect(page.getByText('Chat is off')).toBeVisible();
  await expect(chat).not.toBeChecked();

  // Both changes are stored, not just shown.
  await page.reload();
  await expect(page.getByLabel('Users', { exact: true })).toHaveValue('1');
  await expect(page.getByRole('switch', { name: 'Chat' })).not.toBeChecked();
  await expect(page.getByLabel('Users: 1 of 1', { exact: true })).toBeVisible();
  await screenshot(page, 'tenant-detail');

  await page.getByRole('button', { name: 'Switch into' }).click();
  await expect(page.getByText(`Acting as operator in ${name}`)).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(mainNav(page).getByRole('link', { name: 'Users' })).toBeVisible();
  await screenshot(page, 'operator-in-tenant');

  // Its only user is its admin and the limit is 1: the next user is refused, naming the limit.
  await mainNav(page).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add user' }).first().click();
  const create = page.getByRole('dialog', { name: 'Add a user' });
  await create.getByLabel('Full name').fill('One Too Many');
  await create.getByLabel('E-mail').fill(`extra@${name.toLowerCase()}.test`);
  await create.getByLabel('Initial password').fill('Northwind-agent-pass-1');
  await create.getByRole('button', { name: 'Add user' }).click();
  await expect(create.getByText('Limit reached: Users. 1 of 1 are in use.')).toBeVisible();
  await screenshot(page, 'users-limit-reached');
  await create.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Exit tenant' }).click();
  await expect(page.getByText(`Acting as operator in ${name}`)).toBeHidden();
});
