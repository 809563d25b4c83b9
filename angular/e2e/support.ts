import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

export const demoAdmin = { tenant: 'Demo', userName: 'admin', password: process.env['E2E_DEMO_ADMIN_PASSWORD'] ?? '' };
export const hostAdmin = { tenant: '', userName: 'admin', password: process.env['E2E_HOST_ADMIN_PASSWORD'] ?? '' };

export interface Account {
  tenant: string;
  userName: string;
  password: string;
}

/** Opens a page of the UI and signs in on the host's sign-in page, which sends the browser back with a code. */
export async function signIn(page: Page, account: Account, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForURL(/\/account\/login/);
  await page.getByLabel('Tenant').fill(account.tenant);
  await page.getByLabel('User name or email').fill(account.userName);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user')).toContainText(account.userName);
}

/** No serious or critical accessibility violation on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  // A tooltip fading in or out under the pointer is checked mid-animation, at a contrast it never rests at.
  await page.mouse.move(0, 0);
  await expect(page.locator('.mat-mdc-tooltip-surface')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join('; ')})`)).toEqual([]);
}

/** A screenshot for docs/ui.md, when the run is asked for them (etc/scripts/ui-screenshots.sh). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env['E2E_SCREENSHOTS'];
  if (folder) {
    await page.screenshot({ path: `${folder}/${name}.png`, fullPage: false });
  }
}
