import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, screenshot, signIn } from './support';

test('a tenant admin creates a role, grants it one permission and deletes it; static roles stay read-only', async ({ page }) => {
  await signIn(page, demoAdmin, '/administration/roles');
  const viewer = page.locator('mat-card').filter({ has: page.getByRole('heading', { name: 'viewer', level: 2 }) });
  await expect(viewer).toContainText('read-only');
  await expect(viewer.getByRole('button')).toHaveCount(0);

  const name = `auditor${Date.now()}`;
  await page.getByLabel('Role name').fill(name);
  await page.getByRole('button', { name: 'Create role' }).click();
  const role = page.locator('mat-card').filter({ has: page.getByRole('heading', { name, level: 2 }) });
  await role.getByRole('checkbox', { name: 'Messaging.Messages', exact: true }).check();
  await expectAccessible(page);
  await role.getByRole('button', { name: 'Save permissions' }).click();
  await expect(role.locator('mat-chip-set')).toContainText('Messaging.Messages');
  await expectAccessible(page);
  await screenshot(page, 'roles');

  page.once('dialog', dialog => void dialog.accept());
  await role.getByRole('button', { name: `Delete the role ${name}` }).click();
  await expect(page.getByRole('heading', { name, level: 2 })).toHaveCount(0);
});
