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

test('a tenant admin reads users and roles', async ({ page }) => {
  await signIn(page, demoAdmin, '/administration/users');
  await expect(page.getByRole('table', { name: 'Users' })).toContainText('admin');
  await expectAccessible(page);
  await screenshot(page, 'users');
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('heading', { name: 'viewer', level: 2 })).toBeVisible();
  await expectAccessible(page);
});

test('the host admin sees the tenants and no tenant pages', async ({ page }) => {
  await signIn(page, hostAdmin, '/administration/tenants');
  await expect(page.getByTestId('tenant')).toContainText('Host');
  await expect(page.getByRole('table', { name: 'Tenants' })).toContainText('Demo');
  await expect(page.getByRole('link', { name: 'API keys' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'tenants');
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
