import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, screenshot, signIn } from './support';

test('a tenant admin adds an inbound worker, sees its secret once, and gives it a rule', async ({ page }) => {
  const workerName = `Support mailbox ${Date.now()}`;
  page.on('dialog', dialog => void dialog.accept());
  await signIn(page, demoAdmin, '/email/inbound');
  await expect(page.getByRole('heading', { name: 'Inbound email', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New worker' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(workerName);
  await dialog.getByLabel('Default target (forward address or tag)').fill('team@example.com');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('worker-secret')).not.toBeEmpty();
  await expect(page.getByRole('table', { name: 'Inbound workers' })).toContainText(workerName);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('worker-secret')).toHaveCount(0);
  await screenshot(page, 'inbound');

  await page.getByRole('link', { name: 'Rules', exact: true }).click();
  await page.getByRole('button', { name: 'New rule' }).click();
  await dialog.getByRole('combobox', { name: 'Worker' }).click();
  await page.getByRole('option', { name: workerName }).click();
  await dialog.getByLabel('Name').fill('Drop the spam');
  await dialog.getByLabel('Pattern').fill('*@spam.example');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const rules = page.getByRole('table', { name: 'Inbound rules' });
  await expect(rules).toContainText('Drop the spam');
  await expect(rules).toContainText(workerName);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Delete Drop the spam' }).click();
  await expect(page.getByText('No inbound rule.')).toBeVisible();
});
