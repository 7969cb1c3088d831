import { expect, screenshot, signIn, test } from '../fixtures';
import { adminKey } from '../engine/credentials';
import { referral } from '../engine/events';
import { call, eventually } from '../engine/http';

/** The month before a yyyy-MM month. */
function previous(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

test('loyalty shows tier upgrades and renewals by month, redemptions by category and city, referrals, and the month filter changes them', async ({ page, consoleErrors }) => {
  // A code handed out and the referral it converted, this month (the seed's customers upgraded and redeemed this month too).
  const { referralCode } = await call('GET', '/customers/C-KA1-T1-1/referral-code');
  await call('POST', '/events', { events: [referral('DLR-KA-001', referralCode, 'C-KA1-T1-1', 'C-KA1-REFERRED-1')] });
  // Tallies reach their months after each customer's write: wait for all the seed's and this test's
  // (three contracts upgraded: one platinum, two gold; three mugs redeemed, two in Bengaluru, one in Kochi;
  // 5,000 points to the referrer and 2,500 to the referee).
  const lifestyleOf = (l: any) => l.redemptions.byCategory.find((c: { category: string }) => c.category === 'lifestyle');
  const now = await eventually(() => call('GET', '/analytics/loyalty'), (l) =>
    l.referrals.converted === 1 && l.referrals.codesIssued === 1 && l.referrals.points === 7_500 && l.tierMovesByMonth.at(-1).totalUpgrades === 3 && lifestyleOf(l)?.redemptions === 3,
  'the seed\'s and the referral\'s tallies to be counted');
  const thisMonth = now.month as string;
  const reported = now.tierMovesByMonth.at(-1);
  expect(reported.upgrades).toEqual({ silver: 0, gold: 2, platinum: 1 });
  expect(now.redemptions.byCity.map((c: { city: string; redemptions: number }) => [c.city, c.redemptions])).toEqual([['Bengaluru', 2], ['Kochi', 1]]);

  await signIn(page, adminKey, 'loyalty');
  const panel = page.getByTestId('loyalty');
  const value = (testId: string) => page.getByTestId(testId).locator('.figure-value');
  await expect(value('month-upgrades')).toHaveText(String(reported.totalUpgrades));
  await expect(value('month-renewals')).toHaveText(String(reported.totalRenewals));
  await expect(value('referrals-converted')).toHaveText(String(now.referrals.converted));
  await expect(value('referral-codes')).toHaveText(String(now.referrals.codesIssued));
  await expect(page.getByTestId('referral-points')).toContainText(now.referrals.points.toLocaleString('en-IN'));
  await expect(page.getByTestId('tier-month')).toHaveCount(6);
  await expect(page.locator(`[data-testid="tier-month"][data-month="${thisMonth}"] [data-testid="upgrades"]`)).toContainText(String(reported.totalUpgrades));
  const lifestyle = lifestyleOf(now);
  await expect(page.locator('[data-testid="redemption-category"][data-id="lifestyle"]')).toContainText(lifestyle.points.toLocaleString('en-IN'));
  await expect(page.getByTestId('redemption-city')).toHaveCount(now.redemptions.byCity.length);
  await expect(page.locator('[data-testid="redemption-city"][data-id="Kochi"]')).toContainText('Kochi, KL');
  await expect(page.locator('[data-testid="redemption-city"][data-id="Bengaluru"]')).toContainText('Bengaluru, KA');
  await expect(panel.locator('svg')).toHaveCount(3);
  await screenshot(page, 'loyalty-month');

  // The month before: the page asks the API for it, and shows that month's (empty) figures.
  const before = previous(thisMonth);
  const asked = page.waitForRequest((r) => r.url().includes('/api/v1/analytics/loyalty') && r.url().includes(`month=${before}`));
  await page.getByTestId('filter-month').fill(before);
  await asked;
  const then = await call('GET', `/analytics/loyalty?month=${before}`);
  expect(then.tierMovesByMonth.at(-1).totalUpgrades).toBe(0);
  await expect(value('month-upgrades')).toHaveText('0');
  await expect(value('referrals-converted')).toHaveText(String(then.referrals.converted));
  await expect(page.getByTestId('redemption-category-none')).toBeVisible();
  await expect(page.getByTestId('redemption-city')).toHaveCount(0);
  await expect(page.getByTestId('tier-month')).toHaveCount(6);
  await expect(page.locator(`[data-testid="tier-month"][data-month="${thisMonth}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-testid="tier-month"][data-month="${before}"]`)).toBeVisible();
  // The figures to date do not depend on the month.
  await expect(page.getByTestId('customers')).toContainText(then.customers.toLocaleString('en-IN'));
  expect(consoleErrors).toEqual([]);
});
