import { defineConfig } from '@playwright/test';

// Debian's Chromium (scripts/test.sh installs it); Playwright's own browser downloads are never used.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './specs',
  // One engine, seeded once, shared by every test; one browser at a time on a two-core machine.
  workers: 1,
  fullyParallel: false,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalSetup: './engine/setup.ts',
  globalTeardown: './engine/teardown.ts',
  outputDir: './artifacts/test-results',
  reporter: [['list'], ['junit', { outputFile: process.env.PITSTOP_BROWSER_JUNIT ?? './artifacts/junit.xml' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromium, args: ['--no-sandbox', '--disable-dev-shm-usage'] },
    viewport: { width: 1366, height: 768 },
    headless: true,
    trace: 'retain-on-failure',
  },
});
