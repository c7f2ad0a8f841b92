import { expect, login, mainNav, screenshot, test, unique } from '../support/fixtures';

/** A German test number no earlier run used. */
function uniqueNumber(): string {
  return `+49 30 ${String(Date.now()).slice(-7)}`;
}

test('an admin creates a queue with a member, then routes a new phone number to it', async ({ page }) => {
  await login(page, 'admin');

  await mainNav(page).getByRole('link', { name: 'Queues' }).click();
  await expect(page.getByRole('heading', { name: 'Queues', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'New queue' }).first().click();
  const queueName = unique('Billing');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(queueName);
  await page.getByLabel('Ring strategy').click();
  await page.getByRole('option', { name: 'Round robin' }).click();
  await expect(page.getByText('Agents take turns, starting after the one who took the last call.')).toBeVisible();
  await screenshot(page, 'telephony-queue-form');
  await page.getByRole('button', { name: 'Create queue' }).click();

  await expect(page.getByRole('heading', { name: queueName, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Members', selected: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add members' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add members' });
  await dialog.getByLabel('Alex Agent').check();
  await dialog.getByRole('button', { name: 'Add 1' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Alex Agent/ })).toBeVisible();
  await screenshot(page, 'telephony-queue-members');

  await mainNav(page).getByRole('link', { name: 'Phone numbers' }).click();
  await expect(page.getByRole('heading', { name: 'Phone numbers', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Add phone number' }).first().click();

  // A national number without a country code is refused on the number field.
  await page.getByRole('textbox', { name: 'Number', exact: true }).fill('030 1234567');
  await page.getByRole('button', { name: 'Add number' }).click();
  await expect(page.getByText(/Expected an international number/)).toBeVisible();

  const number = uniqueNumber();
  await page.getByRole('textbox', { name: 'Number', exact: true }).fill(number);
  await page.getByLabel('Description').fill(`Hotline for ${queueName}`);
  await page.getByRole('combobox', { name: 'Queue to send calls to' }).click();
  await page.getByRole('option', { name: `Queue: ${queueName}` }).click();
  await screenshot(page, 'telephony-did-form');
  await page.getByRole('button', { name: 'Add number' }).click();

  await expect(page).toHaveURL(/\/dids$/);
  const e164 = number.replace(/\s/g, '');
  await page.getByLabel('Search number or description').fill(e164);
  const row = page.getByRole('row', { name: new RegExp(e164.replace('+', '\\+')) });
  await expect(row.getByText(`Queue: ${queueName}`)).toBeVisible();
  await expect(row.getByText('Always open')).toBeVisible();
  // The search has applied once the seeded demo number has left the list.
  await expect(page.getByRole('row', { name: /\+15555550100/ })).toBeHidden();
  await screenshot(page, 'telephony-did-list');
});
