// Events of events.md for the seeded network, built like the DMS, CRM and survey systems send them.

let serial = 0;

/** A time `minutes` from now, RFC 3339 in India's offset. */
export function at(minutes: number): string {
  const shifted = new Date(Date.now() + minutes * 60_000 + 5.5 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+05:30`;
}

function event(type: string, dealershipId: string, data: Record<string, unknown>, minutesAgo = 30, source = 'dms'): Record<string, unknown> {
  serial += 1;
  return { id: `browser-${process.pid}-${Date.now()}-${serial}`, source, type, occurredAt: at(-minutesAgo), dealershipId, data };
}

/** A scheduled visit delivered on time and fixed first time: 192 points for its technician, 70 for its advisor, 500 for the customer. */
export function visit(dealershipId: string, technicianId: string, advisorId: string, customerId: string, options: { delayHours?: number; minutesAgo?: number } = {}) {
  const minutesAgo = options.minutesAgo ?? 30;
  const delay = (options.delayHours ?? 0) * 60;
  return event('service.visit.completed', dealershipId, {
    jobCardId: `JC-${serial + 1}-${Date.now()}`,
    customerId,
    vin: `VIN${String(serial + 1).padStart(14, '0')}`,
    vehicleClass: 'mid',
    visitKind: 'scheduled',
    advisorId,
    technicianIds: [technicianId],
    promisedAt: at(-minutesAgo - 60 - delay),
    deliveredAt: at(-minutesAgo - 60),
    firstTimeFix: delay === 0,
    repeatRepair: false,
    jobCardAccurate: true,
    invoiceAmount: 18500,
  }, minutesAgo);
}

export function contract(dealershipId: string, customerId: string, vehicleClass: 'entry' | 'mid' | 'performance') {
  return event('contract.signed', dealershipId, {
    contractId: `CT-${customerId}`, customerId, vin: `VIN-${customerId}`, vehicleClass, ownership: 'lease', kind: 'new',
  }, 30, 'contracts');
}

export function nps(dealershipId: string, customerId: string, score: number, minutesAgo: number) {
  return event('survey.nps.submitted', dealershipId, { surveyId: `SV-${customerId}-${score}-${minutesAgo}`, customerId, score }, minutesAgo, 'survey');
}

export function complaint(dealershipId: string, complaintId: string, customerId: string, severity: 'low' | 'medium' | 'high', minutesAgo: number) {
  return event('complaint.logged', dealershipId, { complaintId, customerId, severity }, minutesAgo, 'crm');
}

export function resolved(dealershipId: string, incidentId: string, minutesAgo: number) {
  return event('incident.resolved', dealershipId, { incidentId, resolvedAt: at(-minutesAgo) }, minutesAgo, 'crm');
}

/** A CSAT answer for an advisor's visit (no technician named, so the technicians' league scores stay the visits'). */
export function csat(dealershipId: string, advisorId: string, customerId: string, score: number) {
  return event('survey.csat.submitted', dealershipId, {
    surveyId: `SV-${customerId}-csat-${score}`, jobCardId: `JC-${customerId}-csat`, customerId, advisorId, technicianIds: [], score, verified: true,
  }, 20, 'survey');
}

export function upsell(dealershipId: string, advisorId: string, customerId: string) {
  return event('sale.upsell.completed', dealershipId, { orderId: `UPS-${customerId}`, customerId, advisorId, product: 'detailing', amount: 5000 }, 20, 'dms');
}

/** A referral converted by the CRM: the code is the one the engine handed the referrer (GET /customers/{id}/referral-code). */
export function referral(dealershipId: string, referralCode: string, referrerCustomerId: string, refereeCustomerId: string) {
  return event('referral.converted', dealershipId, {
    referralCode, referrerCustomerId, refereeCustomerId, contractId: `CT-${refereeCustomerId}`,
  }, 20, 'crm');
}
