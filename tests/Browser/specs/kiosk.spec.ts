import { boardPolls, expect, screenshot, test } from '../fixtures';
import { kioskKey } from '../engine/credentials';
import { visit } from '../engine/events';
import { call } from '../engine/http';
import { advisorOf, advisors, pins, technicians, visitPoints } from '../engine/network';

test.use({ viewport: { width: 1920, height: 1080 } });

test('the kiosk is set up with its key and shows the dealership’s league', async ({ page, consoleErrors }) => {
  await page.goto('/kiosk/DLR-KA-001');
  await page.getByTestId('kiosk-key').fill(kioskKey);
  await page.getByTestId('kiosk-save').click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pitstop Koramangala');
  const rows = page.getByTestId('kiosk-row');
  await expect(rows).toHaveCount(6);
  await expect(rows.first()).toContainText('Ravi Kumar');
  // Touch targets: every button is at least 48 px high.
  for (const button of await page.getByRole('button').all()) {
    expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(48);
  }

  await screenshot(page, 'kiosk');
  expect(consoleErrors).toEqual([]);
});

test('a technician opens their card with their id and PIN, sees points, badges and rank, and redeems a catalog item', async ({ page, consoleErrors }) => {
  await page.goto(`/kiosk/DLR-KA-001#key=${kioskKey}`);
  await expect(page).toHaveURL(/\/kiosk\/DLR-KA-001$/);
  const leader = technicians[0];
  await page.getByTestId('kiosk-staff-id').fill(leader.id);
  await page.getByTestId('kiosk-pin').fill(pins['S-KA1-T1']);
  await page.getByTestId('kiosk-show').click();

  await expect(page.getByTestId('kiosk-member')).toHaveText(leader.name);
  await expect(page.getByTestId('kiosk-pin')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-score')).toContainText(`${(leader.visits * visitPoints).toLocaleString('en-IN')} points`);
  await expect(page.getByTestId('kiosk-badges')).toContainText('pitstop-pro');
  await expect(page.getByTestId('kiosk-ranks')).toContainText('#1');
  // Each of the latest points says which rule earned it, with what, under which program version.
  await expect(page.getByTestId('kiosk-recent')).toContainText('visit, technician, version 1');
  await screenshot(page, 'kiosk-member');

  const before = (await call('GET', `/staff/${leader.id}`)).wallet.available as number;
  await page.locator('[data-testid="kiosk-redeem"][data-item-id="MUG-BROWSER"]').click();
  await expect(page.getByTestId('kiosk-redeem-message')).toContainText('Redeemed: Pitstop mug');
  await expect(page.getByTestId('kiosk-wallet')).toContainText(`${(before - 300).toLocaleString('en-IN')} points`);
  const redemptions = await call('GET', `/staff/${leader.id}/redemptions`);
  expect(redemptions.map((r: { itemId: string }) => r.itemId)).toContain('MUG-BROWSER');

  await page.getByTestId('kiosk-done').click();
  await expect(page.getByTestId('kiosk-member')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('an advisor who completed a challenge and earned no badge sees the challenge on their card', async ({ page }) => {
  await page.goto(`/kiosk/DLR-KA-001#key=${kioskKey}`);
  await page.getByTestId('kiosk-staff-id').fill(advisors[0].id);
  await page.getByTestId('kiosk-pin').fill(pins['S-KA1-A1']);
  await page.getByTestId('kiosk-show').click();

  await expect(page.getByTestId('kiosk-member')).toHaveText(advisors[0].name);
  await expect(page.getByTestId('kiosk-challenge')).toContainText('First upsell of the month');
  await expect(page.getByTestId('kiosk-badges')).not.toContainText('No badges');
});

test('a wrong PIN does not open the card and says how many tries are left', async ({ page }) => {
  const member = technicians[4];
  await call('PUT', `/staff/${member.id}/pin`, { pin: '8642' });
  await page.goto(`/kiosk/DLR-KA-001#key=${kioskKey}`);
  await page.getByTestId('kiosk-staff-id').fill(member.id);
  await page.getByTestId('kiosk-pin').fill('1111');
  await page.getByTestId('kiosk-show').click();

  await expect(page.getByTestId('kiosk-refused')).toContainText('That PIN is not right: 4 more tries');
  await expect(page.getByTestId('kiosk-member')).toHaveCount(0);
});

test('the kiosk cycles through the dealership’s recognition: spot awards, challenges and badges', async ({ page }) => {
  await page.goto(`/kiosk/DLR-KA-001#key=${kioskKey}`);
  const line = page.getByTestId('kiosk-recognition-line');
  await expect(line).toContainText('Spot award · Priya Menon: Calmed an angry customer', { timeout: 30_000 });
  await expect(line).toContainText('Challenge · Priya Menon: First upsell of the month', { timeout: 30_000 });
  await expect(line).toContainText('Badge · Ravi Kumar: pitstop-pro', { timeout: 30_000 });
});

test('staff of another dealership are not shown on this kiosk', async ({ page }) => {
  await page.goto(`/kiosk/DLR-KA-001#key=${kioskKey}`);
  await page.getByTestId('kiosk-staff-id').fill('S-KL1-T1');
  await page.getByTestId('kiosk-pin').fill('0000');
  await page.getByTestId('kiosk-show').click();
  await expect(page.getByTestId('kiosk-refused')).toContainText('S-KL1-T1 is not on the team of this dealership');
});

test('a score change reaches the kiosk through the board’s live stream, without a reload or a poll', async ({ page, consoleErrors }) => {
  // Koramangala's last technician: one more visit moves her score and leaves every rank above hers as it was.
  const member = technicians[5];
  await page.goto(`/kiosk/DLR-KA-001#key=${kioskKey}`);
  const row = page.locator(`[data-testid="kiosk-row"][data-staff-id="${member.id}"]`);
  await expect(row).toContainText((member.visits * visitPoints).toLocaleString('en-IN'));

  const polls = boardPolls(page);
  const streams: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/leaderboards/technician/live')) {
      streams.push(request.url());
    }
  });
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => navigations.push(frame.url()));
  await call('POST', '/events?wait=applied', { events: [visit(member.dealershipId, member.id, advisorOf(member.dealershipId), 'C-KA1-T6-LIVE')] });

  await expect(row).toContainText(((member.visits + 1) * visitPoints).toLocaleString('en-IN'));
  expect(polls).toEqual([]);
  expect(navigations).toEqual([]);
  // The stream opened before the event stays the one that delivered it.
  expect(streams).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
