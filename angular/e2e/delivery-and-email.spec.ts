import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, screenshot, signIn } from './support';

test('a tenant admin sees the providers by channel, with secrets only said to be stored', async ({ page }) => {
  await signIn(page, demoAdmin, '/delivery/providers');
  const table = page.getByRole('table', { name: 'Providers by channel' });
  await expect(table).toContainText('Sms');
  await expect(table).toContainText('No credential');
  await expect(page.getByRole('button', { name: 'Configure Sms' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'providers');

  await page.getByRole('button', { name: 'Configure Sms' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Credential')).toHaveValue('');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('the sandbox shows what it recorded for a message sent from the UI', async ({ page }) => {
  await signIn(page, demoAdmin, '/messages');
  await page.getByRole('button', { name: 'Send a test message' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Recipient').fill('+14155550199');
  await dialog.getByLabel('Content').fill('Recorded by the sandbox');
  await dialog.getByRole('button', { name: 'Send' }).click();
  const trackingId = (await dialog.getByRole('status').getByRole('link').textContent())!.trim();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Sandbox' }).click();
  await expect(page).toHaveURL(/\/delivery\/sandbox$/);
  const recordings = page.getByRole('table', { name: 'Sandbox recordings' });
  // The sandbox records the message once a worker has dispatched it, shortly after it was accepted.
  await expect(async () => {
    await page.reload();
    // A reload under load takes more than a second to show the table again.
    await expect(recordings.getByRole('link', { name: trackingId })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(recordings).toContainText('Recorded by the sandbox');
  await expectAccessible(page);
  await screenshot(page, 'sandbox');
});

test('a tenant admin opens the dead letters and the suppressed addresses', async ({ page }) => {
  await signIn(page, demoAdmin, '/email/dead-letters');
  await expect(page.getByRole('heading', { name: 'Dead letters', level: 1 })).toBeVisible();
  await expect(page.getByText('No dead letter.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Replay 0 selected' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Purge 0 selected' })).toBeDisabled();
  await expectAccessible(page);
  await screenshot(page, 'dead-letters');
  // A replay of everything the filters match counts them first and asks nothing when there is nothing to replay.
  await page.getByLabel('Replay rate (per second)').fill('5');
  await page.getByRole('button', { name: 'Replay all matching' }).click();
  await expect(page.getByText('No dead letter matches the filters.')).toBeVisible();

  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Dead-letter audit', level: 1 })).toBeVisible();
  await expect(page.getByText('No replay or purge yet.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Suppressions' }).click();
  await expect(page.getByText('No address is suppressed.')).toBeVisible();
  await expectAccessible(page);
});
