import { expect, Page, test } from '@playwright/test';
import { demoAdmin, signIn } from './support';

/** Presses Tab until the named control has the focus, as someone without a mouse would. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return (element?.getAttribute('aria-label') ?? element?.innerText ?? '').trim();
    });
    if (focused.endsWith(name)) {
      return;
    }
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('the menu, a page and its dialog work from the keyboard', async ({ page }) => {
  await signIn(page, demoAdmin, '/dashboard');

  await tabTo(page, 'Activity');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/messages$/);
  await expect(page.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();

  await tabTo(page, 'Send a test message');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
