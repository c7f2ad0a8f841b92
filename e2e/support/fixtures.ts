import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { seededUsers, webUrl, type SeededUser } from './env';

/** `test` with `baseURL` pointing at the web app the global setup started: `page.goto('/users')`. */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(webUrl());
  },
});

export { expect };

/** Signs in through the real login form as one of the seeded users (or any e-mail and password). */
export async function login(page: Page, who: SeededUser | { email: string; password: string }) {
  const user = typeof who === 'string' ? seededUsers[who] : who;
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}

/** Logs out through the user menu and waits for the login page. */
export async function logout(page: Page) {
  await page.getByRole('button', { name: /^Account menu for/ }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The sidebar's links, by their visible names. */
export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main navigation' });
}

const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/screenshots');

/** A full-page screenshot in e2e/artifacts/screenshots/<name>.png, once the page has settled. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({
    path: path.join(artifacts, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** A name no other run or spec uses, for rows the specs create. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}
