import type { Api } from '../api';
import type { Months } from '../months';
import type { LeagueRole, ListedDealership, Me } from '../types';

/** What the filter bar selects; kept in the URL's hash so that a view can be linked and reloaded. */
export type Filters = {
  month: string;
  state: string;
  dealership: string;
  role: LeagueRole;
  member: string;
};

/** Everything a panel needs: the API with the person's credential, who they are, where, and the filters. */
export type Context = {
  api: Api;
  me: Me;
  months: Months;
  /** The dealerships the person can see (with their states), as far as their role can list them. */
  places: ListedDealership[];
  filters: Filters;
  setFilters: (changes: Partial<Filters>) => void;
};

/** A panel draws itself into its root and returns how to stop (its polling). */
export type Panel = (root: HTMLElement, context: Context) => () => void;

export const leagueRoles: LeagueRole[] = ['technician', 'advisor', 'support'];

/** The panels a role may see (api.md): each reads only routes that role is allowed. */
export const panelsFor = (role: string): string[] => {
  switch (role) {
    case 'admin':
      return ['league', 'staff', 'budgets', 'recovery', 'loyalty', 'program'];
    case 'regional-lead':
    case 'service-head':
    case 'workshop-manager':
      return ['league', 'staff', 'budgets', 'recovery', 'loyalty'];
    case 'cx':
      return ['league', 'recovery', 'loyalty'];
    case 'viewer':
      return ['league'];
    default:
      return [];
  }
};

/** The roles that read budgets, and so the list of dealerships with their states. */
export const readsBudgets = (role: string): boolean => ['admin', 'regional-lead', 'service-head', 'workshop-manager'].includes(role);

/** The state a dealership is in, when the person's lists know it. */
export const stateOf = (context: Context, dealershipId: string): string | undefined =>
  context.places.find((p) => p.dealershipId === dealershipId)?.state;

export const nameOf = (context: Context, dealershipId: string): string =>
  context.places.find((p) => p.dealershipId === dealershipId)?.name ?? dealershipId;
