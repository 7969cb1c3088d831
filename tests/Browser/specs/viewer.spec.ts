import { expect, signIn, test } from '../fixtures';
import { token } from '../engine/credentials';

// A viewer's token names the member with its kind (staff:ID); the page learns the member from /me.
const technician = token({ sub: 'staff:S-KA1-T4', role: 'viewer' });

test('a technician with a viewer token starts on their dealership’s board with their own rank', async ({ page, consoleErrors }) => {
  await signIn(page, technician);
  await expect(page.getByTestId('filter-dealership')).toHaveValue('DLR-KA-001');
  await expect(page.getByTestId('member-id')).toHaveValue('S-KA1-T4');
  await expect(page.getByTestId('member-rank')).toContainText('Divya Rao: rank 4 of 6');
  // Their own latest points, each saying which rule earned it under which program version.
  await expect(page.getByTestId('member-entry').first()).toContainText('visit, technician, version 1');
  expect(consoleErrors).toEqual([]);
});
