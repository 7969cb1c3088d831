// Code written against the client openapi-typescript generates from /openapi/v1.json, type-checked
// by specs/openapi.spec.ts (tsc --noEmit). Each read's answer must be typed with the properties the
// API really sends, as precisely as the engine writes them: a route without a schema answers
// `unknown`, and that, a number typed `number | string`, a tier typed nullable or a field missing fails here.
import type { paths } from '../artifacts/openapi/pitstop-api';

type Ok<Path extends keyof paths> = paths[Path]['get'] extends { responses: { 200: { content: { 'application/json': infer Body } } } } ? Body : never;

type Customer = Ok<'/api/v1/customers/{id}'>;
type Staff = Ok<'/api/v1/staff/{id}'>;
type Dealership = Ok<'/api/v1/dealerships/{id}'>;
type Program = Ok<'/api/v1/program'>;

// Exactly the type given, neither wider (unknown, any, a union with string or null) nor narrower.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;

export type Checks = [
  Holds<Equal<Customer['tier'], 'silver' | 'gold' | 'platinum'>>,
  Holds<Equal<Customer['balance']['available'], number>>,
  Holds<Equal<Customer['balance']['pending'], number>>,
  Holds<Equal<Customer['tierProgress']['pointsToNextTier'], number | null | undefined>>,
  Holds<Equal<Customer['expiringSoon'][number]['points'], number>>,
  Holds<Equal<Staff['wallet']['available'], number>>,
  Holds<Equal<Staff['score'], number>>,
  Holds<Equal<Staff['ranks']['national'], number | null | undefined>>,
  Holds<Equal<Staff['badges'], string[]>>,
  Holds<Equal<Dealership['profile']['state'], string>>,
  Holds<Equal<Dealership['eventsByType'][string], number>>,
  Holds<Equal<Program['timeZone'], string>>,
];

/** A customer's line as a dashboard would write it: no cast, no check of a type the document states. */
export const customerLine = (customer: Customer): string =>
  `${customer.customerId}: ${customer.tier}, ${customer.balance.available + customer.balance.pending} points` +
  (customer.tierProgress.nextTier ? `, ${customer.tierProgress.pointsToNextTier ?? 0} to ${customer.tierProgress.nextTier}` : '');

/** A staff member's rank in their dealership, when they have one this month. */
export const staffRank = (staff: Staff): string => `${staff.name ?? staff.staffId}: ${staff.ranks.dealership ?? '-'} (${staff.score} points)`;

/** The events a dealership has taken in. */
export const dealershipEvents = (dealership: Dealership): number => Object.values(dealership.eventsByType).reduce((sum, count) => sum + count, 0);
