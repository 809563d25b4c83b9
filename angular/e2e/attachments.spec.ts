import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, screenshot, signIn } from './support';

test('an upload shows one bar from the first byte to processed, then its details with the result', async ({ page }) => {
  await signIn(page, demoAdmin, '/attachments');
  await expect(page.getByRole('heading', { name: 'Attachments', level: 1 })).toBeVisible();
  const fileName = `people-${Date.now()}.csv`;
  await page.getByLabel('Files to upload').setInputFiles({
    name: fileName, mimeType: 'text/csv', buffer: Buffer.from('name,email\nAda,ada@example.com\nGrace,grace@example.com\n'),
  });
  const upload = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: fileName });
  await expect(upload.getByRole('progressbar')).toBeVisible();
  await expect(upload.getByRole('status')).toHaveText('Completed 100%', { timeout: 30_000 });
  await expect(upload.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByRole('table', { name: 'Attachments' })).toContainText(fileName);
  await expectAccessible(page);
  await screenshot(page, 'attachments');

  await upload.getByRole('link', { name: 'Details' }).click();
  await expect(page.getByRole('heading', { name: fileName, level: 1 })).toBeVisible();
  await expect(page.getByText('Completed (100%)')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Result', level: 2 })).toBeVisible();
  await expectAccessible(page);

  page.once('dialog', dialog => void dialog.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/attachments$/);
  await expect(page.getByRole('link', { name: fileName })).toHaveCount(0);
});
