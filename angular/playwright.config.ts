import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against a real host (etc/scripts/test-ui.sh starts one on the embedded default), driving the
 * machine's Chromium: E2E_BASE_URL names the host, CHROMIUM_PATH the browser (Debian's by default).
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: process.env['E2E_BASE_URL'] ?? 'http://localhost:5080',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
      ],
    },
  },
});
