import { expect, screenshot, signIn, test } from '../fixtures';
import { adminKey } from '../engine/credentials';

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
  await screenshot(page, 'program-simulation');
  expect(consoleErrors).toEqual([]);
});
