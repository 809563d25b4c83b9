import { expect, test } from '@playwright/test';
import { demoAdmin, expectAccessible, screenshot, signIn } from './support';

test.use({ viewport: { width: 390, height: 844 } });

test('on a phone the side menu folds behind the menu button and closes after a choice', async ({ page }) => {
  await signIn(page, demoAdmin, '/dashboard');
  const menu = page.getByRole('navigation', { name: 'Modules' });
  await expect(menu).toBeHidden();

  await page.getByRole('button', { name: 'Show or hide the menu' }).click();
  await expect(menu).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'phone-menu');

  await menu.getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
  await expect(menu).toBeHidden();
  await expectAccessible(page);
});
