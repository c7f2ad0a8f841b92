import { expect, login, mainNav, screenshot, test } from '../support/fixtures';

test('an agent has no users page in the navigation and gets the 403 page at its URL', async ({ page }) => {
  await login(page, 'agent');
  const nav = mainNav(page);
  await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Roles' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Tenants' })).toHaveCount(0);
  await screenshot(page, 'home-agent');

  for (const path of ['/users', '/roles', '/tenants']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  }
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await screenshot(page, 'forbidden-agent-users');
});
