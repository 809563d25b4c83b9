import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, screenshot, signIn } from './support';

const viewer = { tenant: 'Demo', userName: `viewer-${Date.now()}`, password: 'Viewer-password-e2e-1' };

test('a viewer sees the pages it may read, without the buttons that change anything', async ({ page, request, baseURL }) => {
  await signIn(page, demoAdmin, '/dashboard');
  const token = await page.evaluate(() => sessionStorage.getItem('access_token'));
  const created = await request.post(`${baseURL}/api/identity/users`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { userName: viewer.userName, password: viewer.password, roleNames: ['viewer'] },
  });
  expect(created.status()).toBe(201);
  await page.getByTestId('user').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  // Signing out ends the host's session too: the UI's page sends the browser to the sign-in page again.
  await page.waitForURL(/\/account\/login/);
  expect(await page.evaluate(() => sessionStorage.getItem('access_token'))).toBeNull();

  await signIn(page, viewer, '/messages');
  await expect(page.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send a test message' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Cancel message/ })).toHaveCount(0);
  const menu = page.getByRole('navigation', { name: 'Modules' });
  await expect(menu.getByRole('link', { name: 'Activity' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'API keys' })).toHaveCount(0);
  await expect(menu.getByRole('link', { name: 'Users' })).toHaveCount(0);

  await menu.getByRole('link', { name: 'Attachments' }).click();
  await expect(page.getByRole('heading', { name: 'Attachments', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose files' })).toHaveCount(0);
  await menu.getByRole('link', { name: 'Channels' }).click();
  await expect(page.getByRole('heading', { name: 'Channels', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create channel' })).toHaveCount(0);
  await expectAccessible(page);
  await menu.getByRole('link', { name: 'Dead letters' }).click();
  await expect(page.getByRole('heading', { name: 'Dead letters', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Replay all matching' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Purge all matching' })).toHaveCount(0);
  await menu.getByRole('link', { name: 'Inbound', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Inbound email', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New worker' })).toHaveCount(0);

  await page.goto('/administration/api-keys');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectAccessible(page);
});

test('the dashboard shows the last day of messages', async ({ page }) => {
  await signIn(page, demoAdmin, '/dashboard');
  await expect(page.getByRole('heading', { name: 'Messages, last 24 hours' })).toBeVisible();
  await expect(page.getByTestId('accepted')).toHaveText(/\d+/);
  await expectAccessible(page);
  await screenshot(page, 'dashboard');
  await page.getByRole('button', { name: 'Use the dark theme' }).click();
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'dashboard-dark');
});
