import { expect, screenshot, test } from '../fixtures';
import { kioskKey } from '../engine/credentials';
import { technicians, visitPoints } from '../engine/network';

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

test('a technician sees their points, badges and rank after entering their id', async ({ page, consoleErrors }) => {
  await page.goto(`/kiosk/DLR-KA-001#key=${kioskKey}`);
  await expect(page).toHaveURL(/\/kiosk\/DLR-KA-001$/);
  const leader = technicians[0];
  await page.getByTestId('kiosk-staff-id').fill(leader.id);
  await page.getByTestId('kiosk-show').click();

  await expect(page.getByTestId('kiosk-member')).toHaveText(leader.name);
  await expect(page.getByTestId('kiosk-score')).toContainText(`${(leader.visits * visitPoints).toLocaleString('en-IN')} points`);
  await expect(page.getByTestId('kiosk-badges')).toContainText('pitstop-pro');
  await expect(page.getByTestId('kiosk-ranks')).toContainText('#1');
  await screenshot(page, 'kiosk-member');

  await page.getByTestId('kiosk-done').click();
  await expect(page.getByTestId('kiosk-member')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('staff of another dealership are not shown on this kiosk', async ({ page }) => {
  await page.goto(`/kiosk/DLR-KA-001#key=${kioskKey}`);
  await page.getByTestId('kiosk-staff-id').fill('S-KL1-T1');
  await page.getByTestId('kiosk-show').click();
  await expect(page.getByTestId('kiosk-not-found')).toContainText('S-KL1-T1 is not on the team of this dealership');
});
