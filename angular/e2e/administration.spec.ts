import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, hostAdmin, screenshot, signIn } from './support';

test('a tenant admin creates an API key with one permission and sees the raw key once', async ({ page }) => {
  await signIn(page, demoAdmin, '/administration/api-keys');
  await page.getByRole('button', { name: 'New API key' }).click();
  const dialog = page.getByRole('dialog');
  const name = `e2e-${Date.now()}`;
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('checkbox', { name: 'Messaging.Messages.Send', exact: true }).check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByTestId('raw-key')).toHaveText(/^msk_/);
  const rawKey = (await dialog.getByTestId('raw-key').textContent())!.trim();
  await dialog.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Messaging.Messages.Send');
  await expect(page.getByText(rawKey)).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'api-keys');
});

test('a tenant admin creates, disables and deletes a user, and reads the roles', async ({ page }) => {
  const userName = `clerk-${Date.now()}`;
  page.on('dialog', dialog => void dialog.accept());
  await signIn(page, demoAdmin, '/administration/users');
  const users = page.getByRole('table', { name: 'Users' });
  await expect(users).toContainText('admin');
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('User name').fill(userName);
  await dialog.getByLabel('Email').fill(`${userName}@example.com`);
  await dialog.getByLabel('Password').fill('Clerk-password-e2e-1');
  await dialog.getByRole('combobox', { name: 'Roles' }).click();
  await page.getByRole('option', { name: 'viewer' }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const row = users.getByRole('row').filter({ hasText: userName });
  await expect(row).toContainText('viewer');
  await expect(row).toContainText('Yes');
  await expectAccessible(page);
  await screenshot(page, 'users');

  await page.getByRole('button', { name: `Disable ${userName}` }).click();
  await expect(row).toContainText('No');
  await page.getByRole('button', { name: `Delete ${userName}` }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('heading', { name: 'viewer', level: 2 })).toBeVisible();
  await expectAccessible(page);
});

test('the host admin sees the tenants and no tenant pages, overrides a rate limit and reads the runtime settings', async ({ page }) => {
  await signIn(page, hostAdmin, '/administration/tenants');
  await expect(page.getByTestId('tenant')).toContainText('Host');
  await expect(page.getByRole('table', { name: 'Tenants' })).toContainText('Demo');
  await expect(page.getByRole('link', { name: 'API keys' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'tenants');

  await page.getByRole('button', { name: 'Rate limit of Demo', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('status')).toContainText('tier');
  await dialog.getByLabel('Requests per minute').fill('100000');
  await dialog.getByRole('button', { name: 'Save the override' }).click();
  await expect(dialog.getByRole('status')).toContainText('100000 requests');
  await expect(dialog.getByRole('status')).toContainText('overridden');
  await dialog.getByRole('button', { name: 'Clear the override' }).click();
  await expect(dialog.getByRole('status')).toContainText('tier');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Runtime settings' }).click();
  await expect(page.getByRole('heading', { name: 'Runtime settings', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Settings (JSON)')).not.toBeEmpty();
  await expectAccessible(page);
});

test('a tenant admin reads the security log, its own sign-in first', async ({ page }) => {
  await signIn(page, demoAdmin, '/administration/security-log');
  const log = page.getByRole('table', { name: 'Security log' });
  await expect(log.getByRole('row').nth(1)).toContainText('SignedIn');
  await expect(log).toContainText('admin');
  await expectAccessible(page);
  await screenshot(page, 'security-log');
});

test('the host admin sees the circuits with what it may do to them', async ({ page }) => {
  await signIn(page, hostAdmin, '/delivery/circuits');
  await expect(page.getByRole('heading', { name: 'Circuits', level: 1 })).toBeVisible();
  await expect(page.getByText('every circuit is closed')).toBeVisible();
  await expectAccessible(page);
});
