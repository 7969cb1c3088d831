import { expect, screenshot, signIn, test } from '../fixtures';
import { adminKey, kioskKey } from '../engine/credentials';
import { at, upsell } from '../engine/events';
import { call, eventually } from '../engine/http';
import { advisors, pins } from '../engine/network';

// Koramangala's advisor, two upsells into a challenge of three that an admin creates on the running
// engine: short of the target, so no completion joins the recognition the other specs read.
const advisor = advisors[0];
const challengeId = 'browser-upsells-3';

test.beforeAll(async () => {
  // India's days: from yesterday, so that events of a few minutes ago count just after midnight too.
  await call('POST', '/challenges', {
    challengeId, title: 'Three upsells this week', kpi: 'upsell', target: 3, points: 250,
    scope: 'dealership', dealershipId: advisor.dealershipId, from: at(-24 * 60).slice(0, 10), to: at(7 * 24 * 60).slice(0, 10),
  });
  await call('POST', '/events', { events: [upsell(advisor.dealershipId, advisor.id, 'C-CHL-1'), upsell(advisor.dealershipId, advisor.id, 'C-CHL-2')] });
  await eventually(() => call('GET', `/staff/${advisor.id}`),
    (s) => s.challengeProgress.some((c: { challengeId: string; count: number }) => c.challengeId === challengeId && c.count === 2), 'the upsells to count');
});

test('a member sees their progress in the challenges running for them on their kiosk card', async ({ page, consoleErrors }) => {
  await page.goto(`/kiosk/${advisor.dealershipId}#key=${kioskKey}`);
  await page.getByTestId('kiosk-staff-id').fill(advisor.id);
  await page.getByTestId('kiosk-pin').fill(pins['S-KA1-A1']);
  await page.getByTestId('kiosk-show').click();

  const created = page.locator(`[data-testid="kiosk-challenge-progress"][data-challenge-id="${challengeId}"]`);
  await expect(created).toContainText('Three upsells this week');
  await expect(created).toContainText('2 of 3 upsells · +250 points');
  await expect(created.locator('progress')).toHaveAttribute('value', '2');
  await expect(created.locator('progress')).toHaveAttribute('max', '3');
  // The configured challenge seeded the catalogue: in force, and already reached this month.
  await expect(page.locator('[data-testid="kiosk-challenge-progress"][data-challenge-id="first-upsell"]')).toContainText('1 of 1 upsells · completed');
  await screenshot(page, 'kiosk-challenges');
  expect(consoleErrors).toEqual([]);
});

test('the dashboard shows a member’s progress in their challenges beside their rank', async ({ page, consoleErrors }) => {
  await signIn(page, adminKey);
  await page.getByTestId('role-advisor').click();
  await page.getByTestId('member-id').fill(advisor.id);
  await page.getByTestId('find-member').click();

  const created = page.locator(`[data-testid="member-challenge"][data-challenge-id="${challengeId}"]`);
  await expect(created).toContainText('Three upsells this week');
  await expect(created).toContainText('2 of 3 upsells');
  await expect(page.getByTestId('member-rank')).toContainText(advisor.name);
  await screenshot(page, 'member-challenges');
  expect(consoleErrors).toEqual([]);
});
