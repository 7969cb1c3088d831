import { expect, screenshot, signIn, test } from '../fixtures';
import { adminKey } from '../engine/credentials';
import { call } from '../engine/http';

// The program page on the seeded network: the program in force, a candidate that pays technicians
// twice for an on-time delivery, its difference, and a simulation of this month at Kochi whose
// figures stand beside what happened. The simulation runs in a silo of its own: nothing the other
// specs read changes.
test('an admin compares a candidate program with the one in force and simulates it beside what happened', async ({ page, consoleErrors }) => {
  test.setTimeout(120_000);
  await signIn(page, adminKey, 'program');
  await page.getByTestId('filter-dealership').selectOption('DLR-KL-001');

  const candidate = page.getByTestId('program-candidate');
  await expect(page.getByTestId('program-in-force')).toContainText('"technicianOnTime"');
  await expect(page.getByTestId('program-same')).toBeVisible();
  const program = JSON.parse(await candidate.inputValue());
  const onTime: number = program.staffKpi.technicianOnTime;
  program.staffKpi.technicianOnTime = onTime * 2;
  await candidate.fill(JSON.stringify(program, null, 2));
  await page.getByTestId('program-compare').click();

  const change = page.locator('[data-testid="program-change"][data-path="staffKpi.technicianOnTime"]');
  await expect(change).toContainText(String(onTime));
  await expect(change).toContainText(String(onTime * 2));
  await expect(page.getByTestId('program-change')).toHaveCount(1);

  await page.getByTestId('simulate').click();
  const staffVisits = page.locator('[data-testid="simulation-row"][data-figure="Staff points: service.visit.completed"]');
  await expect(staffVisits).toBeVisible({ timeout: 90_000 });
  const [happened, simulated] = await staffVisits.locator('td.number').allInnerTexts();
  const number = (text: string): number => Number(text.replace(/,/g, ''));
  expect(number(happened)).toBeGreaterThan(0);
  expect(number(simulated)).toBeGreaterThan(number(happened));
  await expect(staffVisits.locator('td.number').nth(2)).toHaveText(/^\+/);
  // Customers earn as they did: the candidate changed only the technicians' points.
  await expect(page.locator('[data-testid="simulation-row"][data-figure^="Customer points"] td.number').nth(2)).toHaveText('—');
  // The league's top 10 beside each other: the technicians' board at Kochi has a first place in both.
  const first = page.locator('[data-testid="simulation-board-row"][data-board^="technician"][data-rank="1"]').first();
  await expect(first).toBeVisible();
  await expect(first.locator('td').nth(2)).not.toHaveText('—');
  await expect(first.locator('td').nth(3)).not.toHaveText('—');
  await screenshot(page, 'program-simulation');
  expect(consoleErrors).toEqual([]);
});

// A version piloted at Whitefield for one minute, ten minutes from now (nothing the other specs
// read changes), lists with its scope and author, and differs from version 1 in one setting.
test('an admin reads the versions and the settings two of them differ in', async ({ page, consoleErrors }) => {
  const program = await call('GET', '/program');
  const days: number = program.tiers.upgradePromptDays;
  const from = new Date(Date.now() + 10 * 60_000);
  const stored = await call('PUT', '/program', {
    ...program,
    tiers: { ...program.tiers, upgradePromptDays: days + 30 },
    effectiveFrom: from.toISOString(),
    pilot: { dealerships: ['DLR-KA-002'], states: [], until: new Date(from.getTime() + 60_000).toISOString() },
  });
  await signIn(page, adminKey, 'program');

  const first = page.locator('[data-testid="program-version"][data-version="1"]');
  await expect(first).toContainText('always (the configuration)');
  await expect(first.getByTestId('version-scope')).toHaveText('everyone');
  const mine = page.locator(`[data-testid="program-version"][data-version="${stored.version}"]`);
  await expect(mine.getByTestId('version-scope')).toContainText('pilot: DLR-KA-002 until');
  await expect(mine).toContainText(stored.createdBy);

  await page.getByTestId('diff-from').selectOption('1');
  await page.getByTestId('diff-to').selectOption(String(stored.version));
  await page.getByTestId('version-compare').click();
  const change = page.locator('[data-testid="version-change"][data-path="tiers.upgradePromptDays"]');
  await expect(change.locator('td').nth(1)).toHaveText(String(days));
  await expect(change.locator('td').nth(2)).toHaveText(String(days + 30));
  await expect(page.getByTestId('version-change')).toHaveCount(1);

  await page.getByTestId('diff-from').selectOption(String(stored.version));
  await page.getByTestId('version-compare').click();
  await expect(page.getByTestId('version-same')).toBeVisible();
  await screenshot(page, 'program-versions');
  expect(consoleErrors).toEqual([]);
});
