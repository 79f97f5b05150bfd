import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env['E2E_PORT'] ?? 4329);
/** The same build served by `npm run present`, with the local runner (tests/e2e/local-runtime.spec.ts). */
export const presentPort = Number(process.env['E2E_PRESENT_PORT'] ?? 4349);

/**
 * End-to-end tests in real Chromium (Debian's, at /usr/bin/chromium: browser downloads do not
 * work on our machines) against the built site, served by `astro preview` with the same
 * headers as production, and by `npm run present` with the local runner.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // The site's service worker serves the build from its cache once it is installed, and the
    // requests it makes are out of page.route()'s reach. Only the tests of the worker itself
    // (offline.spec.ts) let it run.
    serviceWorkers: 'block',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'site', testIgnore: /memory-limit\.spec\.ts$/ },
    // Fills gigabytes and a core: alone, once every other test is done.
    { name: 'memory', testMatch: /memory-limit\.spec\.ts$/, dependencies: ['site'] },
  ],
  webServer: [
    {
      command: `astro preview --ignore-lock --host 127.0.0.1 --port ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node scripts/present.ts --no-build --port ${presentPort}`,
      url: `http://127.0.0.1:${presentPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
