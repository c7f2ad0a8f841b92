import { expect, login, mainNav, screenshot, test, unique } from '../support/fixtures';

test('an admin adds a carrier trunk with a dial rule and reviews the seeded IVR menu, schedule and pause reasons', async ({
  page,
}) => {
  await login(page, 'admin');

  await mainNav(page).getByRole('link', { name: 'Trunks' }).click();
  await expect(page.getByRole('heading', { name: 'Trunks', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'New trunk' }).first().click();
  const name = unique('Carrier');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Host', exact: true }).fill('sip.carrier.example');
  await page.getByRole('textbox', { name: 'Username' }).fill('acme-trunk');
  await page.getByLabel('Password', { exact: true }).fill('s3cret-pass');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('textbox', { name: 'Starts with' }).fill('00');
  await page.getByRole('spinbutton', { name: 'Remove digits' }).fill('2');
  await page.getByRole('textbox', { name: 'Then add' }).fill('+');
  await screenshot(page, 'telephony-trunk-form');
  await page.getByRole('button', { name: 'Create trunk' }).click();
  await expect(page.getByText(`Trunk ${name} created`)).toBeVisible();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  // The password is write-only: the form says one is stored, never shows it.
  await expect(page.getByText('A password is stored.', { exact: false })).toBeVisible();

  await mainNav(page).getByRole('link', { name: 'Trunks' }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) }).getByText('sip.carrier.example:5060 · UDP')).toBeVisible();
  await screenshot(page, 'telephony-trunks-list');

  await mainNav(page).getByRole('link', { name: 'IVR menus' }).click();
  await page.getByRole('row', { name: /Main menu/ }).click();
  await expect(page.getByRole('heading', { name: 'Main menu', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Queue to send calls to' }).first()).toHaveText('Queue: Sales');
  await screenshot(page, 'telephony-ivr-edit');

  await mainNav(page).getByRole('link', { name: 'Schedules' }).click();
  await page.getByRole('row', { name: /Office hours/ }).click();
  await expect(page.getByRole('heading', { name: 'Office hours', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Weekly hours' })).toBeVisible();
  await screenshot(page, 'telephony-schedule-edit');

  await mainNav(page).getByRole('link', { name: 'Queues' }).click();
  await page.getByRole('link', { name: 'Pause reasons' }).click();
  await expect(page.getByRole('row', { name: /Lunch/ })).toBeVisible();
  await screenshot(page, 'telephony-pause-reasons');
});
