import { expect, login, mainNav, screenshot, test, unique } from '../support/fixtures';

/** A tenth of a second of 8 kHz 16-bit mono silence: a real RIFF/WAVE file, as the API checks. */
function silentWav(): Buffer {
  const samples = 800;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples * 2, 40);
  return Buffer.concat([header, Buffer.alloc(samples * 2)]);
}

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

  // Greet with an uploaded prompt: the file goes up as the raw request body.
  await page.getByRole('combobox', { name: 'Greeting', exact: true }).click();
  await page.getByRole('option', { name: 'Uploaded audio' }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'welcome.wav', mimeType: 'audio/wav', buffer: silentWav() });
  await expect(page.getByText('welcome uploaded')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Audio file' })).toHaveText('welcome');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('IVR menu saved')).toBeVisible();
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
