import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { engineUrl } from './engine/http';
import { artifacts } from './engine/setup';

/** What the browser reported as errors: console errors and uncaught exceptions. */
export type ConsoleErrors = string[];

export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  baseURL: async ({}, use) => use(engineUrl()),
  consoleErrors: async ({ page }, use) => {
    const errors: ConsoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});

export { expect };

/** Signs in on the sign-in page with an API key or a bearer token. */
export async function signIn(page: Page, credential: string, panel = 'league'): Promise<void> {
  await page.goto(`/#/${panel}`);
  await page.getByTestId('credential').fill(credential);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('who')).toBeVisible();
}

/**
 * The plain leaderboard reads (`GET /api/v1/leaderboards/...`, not their live streams) the page
 * makes from now on: a page that follows a board's stream makes none while the stream is up.
 */
export function boardPolls(page: Page): string[] {
  const polls: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (request.method() === 'GET' && path.startsWith('/api/v1/leaderboards/') && !path.endsWith('/live')) {
      polls.push(request.url());
    }
  });
  return polls;
}

/** Saves a screenshot of the whole page under artifacts/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, 'screenshots', `${name}.png`), fullPage: true });
}
