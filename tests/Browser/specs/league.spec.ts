import { boardPolls, expect, screenshot, signIn, test } from '../fixtures';
import { adminKey } from '../engine/credentials';
import { visit } from '../engine/events';
import { call } from '../engine/http';
import { advisorOf, newcomer, technicians, visitPoints } from '../engine/network';

test('the league shows the top 10 of the seeded network without console errors', async ({ page, consoleErrors }) => {
  await signIn(page, adminKey);

  const rows = page.getByTestId('league-row');
  await expect(rows).toHaveCount(10);
  const leader = technicians[0];
  await expect(rows.first()).toContainText(leader.name);
  await expect(rows.first()).toContainText((leader.visits * visitPoints).toLocaleString('en-IN'));
  await expect(page.getByTestId('league-status')).toContainText('live');
  await screenshot(page, 'league');
  expect(consoleErrors).toEqual([]);
});

test('the league updates by itself after new events are posted', async ({ page, consoleErrors }) => {
  await signIn(page, adminKey);
  await page.getByTestId('filter-state').selectOption('KA');
  await page.getByTestId('filter-dealership').selectOption(newcomer.dealershipId);
  const rows = page.getByTestId('league-row');
  await expect(rows.first()).toHaveAttribute('data-staff-id', 'S-KA2-T1');
  await expect(page.locator(`[data-staff-id="${newcomer.id}"]`)).toHaveCount(0);

  const polls = boardPolls(page);
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => navigations.push(frame.url()));
  await call('PUT', `/staff/${newcomer.id}`, { name: newcomer.name, role: 'technician', dealershipId: newcomer.dealershipId });
  const visits = Array.from({ length: 9 }, (_, n) => visit(newcomer.dealershipId, newcomer.id, advisorOf(newcomer.dealershipId), `C-KA2-T9-${n + 1}`));
  await call('POST', '/events?wait=applied', { events: visits });

  // No reload and no polling: the board's live stream pushes the change.
  await expect(rows.first()).toHaveAttribute('data-staff-id', newcomer.id);
  await expect(rows.first()).toContainText((9 * visitPoints).toLocaleString('en-IN'));
  expect(polls).toEqual([]);
  expect(navigations).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('while the live stream cannot be opened the league polls, and it goes back to the stream once it can', async ({ page }) => {
  const refused: string[] = [];
  const liveStream = (url: URL): boolean => url.pathname.startsWith('/api/v1/leaderboards/') && url.pathname.endsWith('/live');
  await page.route(liveStream, (route) => {
    refused.push(route.request().url());
    return route.abort();
  });
  await signIn(page, adminKey);
  await page.getByTestId('filter-state').selectOption('KA');
  await page.getByTestId('filter-dealership').selectOption(newcomer.dealershipId);
  const newcomerRow = page.locator(`[data-testid="league-row"][data-staff-id="${newcomer.id}"]`);
  await expect(newcomerRow).toBeVisible();
  const board = await call('GET', `/leaderboards/technician?scope=dealership:${newcomer.dealershipId}&top=10`);
  const before = board.entries.find((e: { staffId: string }) => e.staffId === newcomer.id).score as number;

  const polls = boardPolls(page);
  await call('POST', '/events?wait=applied', { events: [visit(newcomer.dealershipId, newcomer.id, advisorOf(newcomer.dealershipId), 'C-KA2-T9-POLLED')] });
  await expect(newcomerRow).toContainText((before + visitPoints).toLocaleString('en-IN'));
  expect(polls.length).toBeGreaterThan(0);
  expect(refused.length).toBeGreaterThan(0);

  // The stream is tried again (with backoff); once it answers, the polling stops.
  const reopened = page.waitForResponse((r) => r.url().includes('/leaderboards/technician/live') && r.status() === 200, { timeout: 20_000 });
  await page.unroute(liveStream);
  await reopened;
  // A poll sent just before the stream's first board may still be under way: one polling period passes.
  await page.waitForTimeout(2_500);
  polls.length = 0;
  await call('POST', '/events?wait=applied', { events: [visit(newcomer.dealershipId, newcomer.id, advisorOf(newcomer.dealershipId), 'C-KA2-T9-STREAMED')] });
  await expect(newcomerRow).toContainText((before + 2 * visitPoints).toLocaleString('en-IN'));
  expect(polls).toEqual([]);
});

test('the month selector shows a past month, frozen, and comes back to this one', async ({ page, consoleErrors }) => {
  await signIn(page, adminKey);
  await expect(page.getByTestId('league-row')).toHaveCount(10);

  await page.getByTestId('filter-month').fill('2025-01');
  await page.getByTestId('filter-month').dispatchEvent('change');
  await expect(page.getByRole('heading', { level: 2 })).toContainText('January 2025');
  await expect(page.getByTestId('league-board')).toContainText('No points on this board yet');
  await expect(page.getByTestId('league-status')).toContainText('final');

  await page.goBack();
  await expect(page.getByTestId('league-row')).toHaveCount(10);
  expect(consoleErrors).toEqual([]);
});

test('a member’s rank and neighbours show, with the member highlighted', async ({ page, consoleErrors }) => {
  await signIn(page, adminKey);
  await page.getByTestId('filter-state').selectOption('KA');
  await page.getByTestId('filter-dealership').selectOption('DLR-KA-001');
  await page.getByTestId('member-id').fill('S-KA1-T4');
  await page.getByTestId('find-member').click();

  await expect(page.getByTestId('member-rank')).toContainText('Divya Rao: rank 4 of 6');
  const around = page.getByTestId('around-row');
  await expect(around).toHaveCount(6);
  await expect(page.locator('[data-testid="around-row"].highlight')).toHaveAttribute('data-staff-id', 'S-KA1-T4');
  await screenshot(page, 'league-member');
  expect(consoleErrors).toEqual([]);
});
