import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, screenshot, signIn } from './support';

test('a message posted in one tab arrives over SSE in the live view of another', async ({ page: watcher, browser }) => {
  await signIn(watcher, demoAdmin, '/channels');
  const name = `e2e-${Date.now()}`;
  await watcher.getByRole('form', { name: 'New channel' }).getByLabel('Name').fill(name);
  await watcher.getByRole('button', { name: 'Create channel' }).click();
  await expect(watcher.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(watcher.getByTestId('stream-state')).toHaveText(/Live$/);
  const channelUrl = watcher.url();

  const posterContext = await browser.newContext();
  const poster = await posterContext.newPage();
  await signIn(poster, demoAdmin, new URL(channelUrl).pathname);
  await expect(poster.getByTestId('stream-state')).toHaveText(/Live$/);
  await poster.getByRole('form', { name: 'Post a message' }).getByLabel('Message').fill('hello over SSE');
  await poster.getByRole('button', { name: 'Post' }).click();

  await expect(watcher.getByRole('list', { name: 'Messages' })).toContainText('hello over SSE');
  await expectAccessible(watcher);
  await screenshot(watcher, 'channel-live');

  const later = new Date(Date.now() + 60 * 60_000);
  const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await poster.getByRole('form', { name: 'Post a message' }).getByLabel('Message').fill('in an hour');
  await poster.getByLabel('Deliver at (optional)').fill(local);
  await poster.getByRole('button', { name: 'Post' }).click();
  const delayed = poster.getByRole('list', { name: 'Delayed messages' });
  await expect(delayed).toContainText('Waiting');
  await delayed.getByRole('button', { name: 'Cancel the delayed message in an hour' }).click();
  await expect(delayed).toContainText('Cancelled');
  await posterContext.close();

  await watcher.getByRole('link', { name: 'Channels' }).first().click();
  await expect(watcher.getByRole('table', { name: 'Channels' })).toContainText(name);
  await expectAccessible(watcher);
  await screenshot(watcher, 'channels');
});
