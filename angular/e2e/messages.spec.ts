import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, screenshot, signIn } from './support';

test('a tenant admin signs in, sends a test message, finds it in the feed, follows its timeline and cancels it', async ({ page }) => {
  await signIn(page, demoAdmin, '/messages');
  await expect(page.getByTestId('tenant')).toContainText('Demo');
  await expect(page.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Send a test message' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Recipient').fill('+14155550123');
  await dialog.getByLabel('Content').fill('Hello from the admin UI');
  await dialog.getByRole('button', { name: 'Send' }).click();
  const accepted = dialog.getByRole('status');
  await expect(accepted).toContainText('Accepted');
  const trackingId = (await accepted.getByRole('link').textContent())!.trim();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Recipient').fill('+14155550123');
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: trackingId })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'messages');

  await page.getByRole('link', { name: trackingId }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(trackingId);
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Accepted');
  await expectAccessible(page);
  await screenshot(page, 'message-timeline');

  const cancel = page.getByRole('button', { name: 'Cancel the message' });
  if (await cancel.isVisible()) {
    await cancel.click();
    await expect(page.getByTestId('status')).toHaveText('Cancelled');
  }
});

test('the feed filters to nothing and says so', async ({ page }) => {
  await signIn(page, demoAdmin, '/messages');
  await page.getByLabel('Recipient').fill('+19999999999');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No message matches these filters.')).toBeVisible();
});
