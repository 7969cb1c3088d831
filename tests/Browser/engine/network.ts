// The seeded network the pages are tested on: three dealerships in two states, their staff, and
// how many on-time, first-time-fixed visits each technician delivers this month.

export const dealerships = [
  { id: 'DLR-KA-001', name: 'Pitstop Koramangala', city: 'Bengaluru', state: 'KA', region: 'south' },
  { id: 'DLR-KA-002', name: 'Pitstop Whitefield', city: 'Bengaluru', state: 'KA', region: 'south' },
  { id: 'DLR-KL-001', name: 'Pitstop Kochi', city: 'Kochi', state: 'KL', region: 'south' },
];

/** Technicians with their dealership and number of visits (192 points each); T1 of Koramangala earns the pitstop-pro badge (10 first-time fixes). */
export const technicians = [
  { id: 'S-KA1-T1', name: 'Ravi Kumar', dealershipId: 'DLR-KA-001', visits: 12 },
  { id: 'S-KA1-T2', name: 'Meena Iyer', dealershipId: 'DLR-KA-001', visits: 7 },
  { id: 'S-KA1-T3', name: 'Arjun Shetty', dealershipId: 'DLR-KA-001', visits: 5 },
  { id: 'S-KA1-T4', name: 'Divya Rao', dealershipId: 'DLR-KA-001', visits: 4 },
  { id: 'S-KA1-T5', name: 'Kiran Gowda', dealershipId: 'DLR-KA-001', visits: 3 },
  { id: 'S-KA1-T6', name: 'Lakshmi Nair', dealershipId: 'DLR-KA-001', visits: 2 },
  { id: 'S-KA2-T1', name: 'Suresh Babu', dealershipId: 'DLR-KA-002', visits: 6 },
  { id: 'S-KA2-T2', name: 'Anita Desai', dealershipId: 'DLR-KA-002', visits: 3 },
  { id: 'S-KL1-T1', name: 'Thomas Mathew', dealershipId: 'DLR-KL-001', visits: 8 },
  { id: 'S-KL1-T2', name: 'Fathima Ali', dealershipId: 'DLR-KL-001', visits: 2 },
];

export const advisors = [
  { id: 'S-KA1-A1', name: 'Priya Menon', dealershipId: 'DLR-KA-001' },
  { id: 'S-KA2-A1', name: 'Naveen Reddy', dealershipId: 'DLR-KA-002' },
  { id: 'S-KL1-A1', name: 'Joseph Varghese', dealershipId: 'DLR-KL-001' },
];

/** A technician who joins Whitefield during a test and overtakes everyone there. */
export const newcomer = { id: 'S-KA2-T9', name: 'Rahul Jain', dealershipId: 'DLR-KA-002' };

export const advisorOf = (dealershipId: string): string => advisors.find((a) => a.dealershipId === dealershipId)!.id;

export const visitPoints = 192;

/** Kiosk PINs the seed sets (as a workshop manager would): Koramangala's top technician and its advisor. */
export const pins = { 'S-KA1-T1': '2468', 'S-KA1-A1': '1357' } as const;
