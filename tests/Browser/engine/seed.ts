import { call, eventually, find } from './http';
import { complaint, contract, csat, nps, resolved, upsell, visit } from './events';
import { advisorOf, advisors, dealerships, pins, technicians } from './network';

/** Seeds the network through the public API, as an admin and the source systems would, and waits until the engine has applied it. */
export async function seed(): Promise<void> {
  for (const d of dealerships) {
    await call('PUT', `/dealerships/${d.id}`, { name: d.name, city: d.city, state: d.state, region: d.region });
  }

  await call('POST', '/pool/mint', { points: 5_000_000, reason: 'launch', idempotencyKey: 'browser-mint' });
  for (const d of dealerships) {
    await call('POST', `/dealerships/${d.id}/budget/top-ups`, { points: 400_000, reason: 'opening budget', idempotencyKey: `browser-top-up-${d.id}` });
  }

  for (const s of [...technicians.map((t) => ({ ...t, role: 'technician' })), ...advisors.map((a) => ({ ...a, role: 'advisor' }))]) {
    await call('PUT', `/staff/${s.id}`, { name: s.name, role: s.role, dealershipId: s.dealershipId });
  }

  // Every visit has a customer of its own: C-{technician}-{n}.
  const visits = technicians.flatMap((t) => Array.from({ length: t.visits }, (_, n) => visit(t.dealershipId, t.id, advisorOf(t.dealershipId), `C-${t.id.slice(2)}-${n + 1}`)));
  const tiers = [contract('DLR-KA-001', 'C-KA1-T1-1', 'performance'), contract('DLR-KA-001', 'C-KA1-T1-2', 'mid'), contract('DLR-KL-001', 'C-KL1-T1-1', 'mid')];
  // A customer who scored 4 before a serious complaint, whose recovery follows below; and a visit 3 hours late (a minor incident).
  const recovery = [
    nps('DLR-KA-001', 'C-KA1-T2-1', 4, 25),
    complaint('DLR-KA-001', 'CMP-BROWSER-1', 'C-KA1-T2-1', 'high', 20),
    resolved('DLR-KA-001', 'complaint:CMP-BROWSER-1', 15),
    visit('DLR-KA-002', 'S-KA2-T2', advisorOf('DLR-KA-002'), 'C-KA2-late', { delayHours: 3, minutesAgo: 10 }),
  ];
  await call('POST', '/events', { events: [...visits, ...tiers, ...recovery] });

  const top = technicians[0];
  await eventually(() => find(`/staff/${top.id}`), (s) => s?.badges.includes('pitstop-pro'), 'the seeded visits to be applied');
  await eventually(() => find('/incidents/complaint:CMP-BROWSER-1'), (i) => i?.status === 'recovered', 'the complaint to be recovered');

  // The late visit's customer said at the day-7 follow-up that the recovery exceeded their expectations.
  const late = await eventually(() => call('GET', '/incidents?status=recovered&dealershipId=DLR-KA-002'), (p) => p.incidents.length === 1, 'the late visit to be recovered');
  await call('POST', `/incidents/${encodeURIComponent(late.incidents[0].incidentId)}/follow-ups/7/complete`, { outcome: 'reached', expectations: 'exceeded' });

  // After the recovery: the customer's next survey, and points spent on the catalog.
  await call('POST', '/events', { events: [nps('DLR-KA-001', 'C-KA1-T2-1', 9, 0)] });
  await call('PUT', '/catalog/items/MUG-BROWSER', { name: 'Pitstop mug', category: 'lifestyle', pointsCost: 300, stock: 50 });
  for (const customer of ['C-KA1-T1-3', 'C-KA1-T1-4', 'C-KL1-T1-2']) {
    await eventually(() => find(`/customers/${customer}`), (c) => c?.balance.available >= 300, `${customer}'s points`);
    await call('POST', `/customers/${customer}/redemptions`, { itemId: 'MUG-BROWSER', quantity: 1, idempotencyKey: `browser-mug-${customer}` });
  }

  // Koramangala's advisor: two CSAT answers (5 and 4), an upsell (the first-upsell challenge, no badge) and a spot award.
  const advisor = advisorOf('DLR-KA-001');
  await call('POST', '/events', { events: [csat('DLR-KA-001', advisor, 'C-KA1-T1-5', 5), csat('DLR-KA-001', advisor, 'C-KA1-T1-6', 4), upsell('DLR-KA-001', advisor, 'C-KA1-T1-7')] });
  await eventually(() => find(`/staff/${advisor}`), (s) => s?.challenges.includes('first-upsell'), 'the advisor’s challenge');
  await call('POST', `/staff/${advisor}/spot-awards`, { points: 50, reason: 'Calmed an angry customer', idempotencyKey: 'browser-spot-1' });
  for (const [staffId, pin] of Object.entries(pins)) {
    await call('PUT', `/staff/${staffId}/pin`, { pin });
  }

  await eventually(() => call('GET', '/analytics/recovery'), (a) => a.total.averageNpsAfter !== undefined && a.total.averageNpsAfter !== null, 'the NPS after recovery');
}
