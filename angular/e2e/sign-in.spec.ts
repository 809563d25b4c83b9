import { expect, test } from '@playwright/test';
import { demoAdmin, signIn } from './support';

test('the access token is renewed with the refresh token before it ends, and the UI keeps working', async ({ page }) => {
  // test-ui.sh gives the host 20-second access tokens, so the renewal comes within this test.
  await signIn(page, demoAdmin, '/messages');
  const accessToken = () => page.evaluate(() => sessionStorage.getItem('access_token'));
  const first = await accessToken();
  expect(first).toBeTruthy();

  await expect.poll(accessToken, { timeout: 45_000, intervals: [1_000] }).not.toBe(first);

  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('table', { name: 'Messages' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a reload after the access token ended renews it instead of signing in again', async ({ page }) => {
  await signIn(page, demoAdmin, '/administration/users');
  const first = await page.evaluate(() => sessionStorage.getItem('access_token'));
  // An access token that has ended, as after a laptop slept: the stored expiry is set in the past.
  await page.evaluate(() => sessionStorage.setItem('expires_at', String(Date.now() - 60_000)));
  const signInTrips: string[] = [];
  page.on('request', request => {
    if (request.url().includes('/connect/authorize')) {
      signInTrips.push(request.url());
    }
  });

  await page.reload();

  await expect(page.getByRole('table', { name: 'Users' })).toBeVisible();
  await expect(page).toHaveURL(/\/administration\/users$/);
  expect(await page.evaluate(() => sessionStorage.getItem('access_token'))).not.toBe(first);
  expect(signInTrips).toEqual([]);
});

test('a page opened without a session goes to the sign-in page and back to that page', async ({ page }) => {
  await signIn(page, demoAdmin, '/administration/users');
  await expect(page).toHaveURL(/\/administration\/users$/);
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
});
