import { expect, screenshot, signIn, test } from '../fixtures';
import { cxKey, leadKeralaKey, token } from '../engine/credentials';

const workshopManager = token({ sub: 'manager-ka1', role: 'workshop-manager', dealership: ['DLR-KA-001'] });

test('a workshop manager signs in with a token and starts on their own dealership', async ({ page, consoleErrors }) => {
  await signIn(page, workshopManager, 'budgets');
  await expect(page.getByTestId('who')).toContainText('workshop-manager · manager-ka1 · DLR-KA-001');
  await expect(page.getByTestId('filter-dealership')).toHaveValue('DLR-KA-001');
  const rows = page.getByTestId('budget-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-dealership-id', 'DLR-KA-001');
  await expect(page.getByTestId('burn-chart').locator('svg')).toBeVisible();
  await screenshot(page, 'workshop-manager-budgets');
  expect(consoleErrors).toEqual([]);
});

test('a workshop manager cannot see another dealership’s data', async ({ page, consoleErrors }) => {
  await signIn(page, workshopManager, 'budgets');
  await expect(page.getByTestId('budget-row')).toHaveCount(1);

  // A link to another dealership's budget: the API refuses it (403) and the page says so.
  await page.goto('/#/budgets?dealership=DLR-KL-001');
  await expect(page.getByTestId('burn-chart').getByTestId('out-of-scope')).toBeVisible();
  await expect(page.getByTestId('budget-row')).toHaveCount(1);
  await page.goto('/#/recovery?dealership=DLR-KA-002');
  await expect(page.getByTestId('out-of-scope').first()).toContainText('Not in your scope');
  await screenshot(page, 'out-of-scope');

  // The only errors are the refusals themselves, which the browser logs.
  expect(consoleErrors.filter((e) => !e.includes('403'))).toEqual([]);
  expect(consoleErrors.length).toBeGreaterThan(0);
});

test('a regional lead sees their state only, and cx has no budgets', async ({ page, consoleErrors }) => {
  await signIn(page, leadKeralaKey, 'budgets');
  await expect(page.getByTestId('filter-state')).toHaveValue('KL');
  await expect(page.getByTestId('budget-row')).toHaveCount(1);
  await page.getByTestId('filter-state').selectOption('');
  await expect(page.getByTestId('budget-row')).toHaveCount(1);
  await expect(page.getByTestId('budget-row').first()).toHaveAttribute('data-dealership-id', 'DLR-KL-001');

  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('credential')).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await signIn(page, cxKey, 'recovery');
  await expect(page.getByTestId('tab-budgets')).toHaveCount(0);
  await expect(page.getByTestId('tab-recovery')).toBeVisible();
  await expect(page.getByTestId('incidents')).toContainText('2');
  expect(consoleErrors).toEqual([]);
});
