import { expect, screenshot, signIn, test } from '../fixtures';
import { adminKey, leadKeralaKey } from '../engine/credentials';
import { call } from '../engine/http';

test('staff performance shows CSAT by month, on-time delivery, technicians, advisors, participation and a dealership’s recognition', async ({ page, consoleErrors }) => {
  await signIn(page, adminKey, 'staff');
  await expect(page.getByTestId('csat-trend').locator('svg')).toBeVisible();
  await expect(page.getByTestId('on-time-state')).toHaveCount(2);
  await expect(page.locator('[data-testid="technician-row"][data-staff-id="S-KA1-T1"]')).toContainText('Ravi Kumar');
  await expect(page.locator('[data-testid="technician-row"][data-staff-id="S-KA1-T1"]')).toContainText('100%');
  await expect(page.getByTestId('recognition')).toContainText('Choose a dealership');

  await page.getByTestId('filter-dealership').selectOption('DLR-KA-001');
  const figures = await call('GET', '/analytics/staff-performance?dealershipId=DLR-KA-001');
  await expect(page.getByTestId('csat-average')).toContainText(figures.csatTrend.at(-1).average.toFixed(1));
  await expect(page.getByTestId('participation')).toContainText(`${figures.participation.earned} of ${figures.participation.registered}`);
  await expect(page.locator('[data-testid="advisor-row"][data-staff-id="S-KA1-A1"]')).toContainText('Priya Menon');
  await expect(page.getByTestId('recognition-row').filter({ hasText: 'Spot award · Priya Menon: Calmed an angry customer' })).toHaveCount(1);
  await expect(page.getByTestId('recognition-row').filter({ hasText: 'Badge · Ravi Kumar: pitstop-pro' })).toHaveCount(1);
  await screenshot(page, 'staff-performance');
  expect(consoleErrors).toEqual([]);
});

test('a regional lead sees the staff performance of its state only', async ({ page }) => {
  await signIn(page, leadKeralaKey, 'staff');
  await expect(page.getByTestId('on-time-dealership')).toHaveCount(1);
  await expect(page.getByTestId('on-time-dealership')).toHaveAttribute('data-id', 'DLR-KL-001');
  await expect(page.getByTestId('technician-row')).toHaveCount(2);
  await expect(page.getByTestId('participation')).toContainText('3 of 3');
});
