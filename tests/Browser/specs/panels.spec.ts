import { expect, screenshot, signIn, test } from '../fixtures';
import { adminKey } from '../engine/credentials';
import { call } from '../engine/http';

test('budgets list every dealership, filter by state and chart the month’s burn', async ({ page, consoleErrors }) => {
  await signIn(page, adminKey, 'budgets');
  const rows = page.getByTestId('budget-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('burn-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('burn-totals')).toContainText('topped up 4,00,000');
  await screenshot(page, 'budgets');

  await page.getByTestId('filter-state').selectOption('KL');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-dealership-id', 'DLR-KL-001');
  await expect(page.getByRole('heading', { level: 3 })).toContainText('Pitstop Kochi');

  await page.getByTestId('filter-state').selectOption('KA');
  await expect(rows).toHaveCount(2);
  await rows.nth(1).click();
  await expect(page.getByRole('heading', { level: 3 })).toContainText('Pitstop Whitefield');
  const burn = await call('GET', '/dealerships/DLR-KA-002/budget/burn');
  await expect(page.getByTestId('burn-totals')).toContainText(`Spent ${burn.spent.toLocaleString('en-IN')}`);
  expect(consoleErrors).toEqual([]);
});

test('service recovery shows incidents by kind and severity, the 24-hour share, NPS before and after, and follow-ups due', async ({ page, consoleErrors }) => {
  await signIn(page, adminKey, 'recovery');
  await expect(page.getByTestId('incidents')).toContainText('2');
  await expect(page.getByTestId('share-within-sla')).toContainText('100%');
  await expect(page.getByTestId('nps')).toContainText('4.0 → 9.0');
  // The late visit's customer said the recovery exceeded expectations; nothing redeemed yet; the complaint never escalated.
  await expect(page.getByTestId('share-exceeded-expectations').locator('.figure-value')).toHaveText('100%');
  await expect(page.getByTestId('recovery-points-redeemed').locator('.figure-value')).toHaveText(`0 of ${(35_000).toLocaleString('en-IN')}`);
  await expect(page.getByTestId('escalation-rate').locator('.figure-value')).toHaveText('0%');
  await expect(page.getByTestId('recovery-row-complaint')).toBeVisible();
  await expect(page.getByTestId('recovery-row-major')).toBeVisible();
  await expect(page.getByTestId('nps-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('follow-up-row').filter({ hasText: 'complaint:CMP-BROWSER-1 (major)' })).toHaveCount(2);
  await screenshot(page, 'recovery');

  await page.getByTestId('filter-state').selectOption('KL');
  await expect(page.getByTestId('incidents')).toContainText('0');
  await expect(page.getByTestId('follow-ups')).toContainText('No follow-ups due');
  expect(consoleErrors).toEqual([]);
});

test('loyalty shows customers by tier, points issued vs redeemed and the redemption rate', async ({ page, consoleErrors }) => {
  await signIn(page, adminKey, 'loyalty');
  const loyalty = await call('GET', '/analytics/loyalty');
  await expect(page.getByTestId('customers')).toContainText(loyalty.customers.toLocaleString('en-IN'));
  await expect(page.getByTestId('points-issued')).toContainText(loyalty.pointsIssued.toLocaleString('en-IN'));
  await expect(page.getByTestId('points-redeemed')).toContainText(loyalty.pointsRedeemed.toLocaleString('en-IN'));
  await expect(page.getByTestId('redemption-rate')).toContainText(`${Math.round(loyalty.redemptionRate * 100)}%`);
  expect(loyalty.pointsRedeemed).toBeGreaterThan(0);
  await expect(page.getByTestId('loyalty').locator('svg')).toHaveCount(3);
  await screenshot(page, 'loyalty');
  expect(consoleErrors).toEqual([]);
});
