import { h } from '../dom';
import type { Context } from './context';

/** Month, state and dealership: the filters every panel reads. Options are the person's own places. */
export function filterBar(context: Context, panel: string): HTMLElement[] {
  const { filters, places, me } = context;
  const states = [...new Set([...places.map((p) => p.state), ...me.states].filter((s) => s !== ''))].sort();
  const inState = places.filter((p) => filters.state === '' || p.state === filters.state);
  const dealerships = inState.some((p) => p.dealershipId === filters.dealership) || filters.dealership === ''
    ? inState
    : [...inState, { dealershipId: filters.dealership, name: filters.dealership, city: '', state: '' }];

  const month = h('input', {
    type: 'month', value: filters.month, 'data-testid': 'filter-month', 'aria-label': 'Month',
    onchange: (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      if (value !== '') {
        context.setFilters({ month: value });
      }
    },
  });
  const state = h('select', {
    'data-testid': 'filter-state', 'aria-label': 'State',
    onchange: (e: Event) => context.setFilters({ state: (e.target as HTMLSelectElement).value, dealership: '' }),
  }, h('option', { value: '' }, 'All states'), ...states.map((s) => h('option', { value: s, selected: s === filters.state }, s)));
  const dealership = h('select', {
    'data-testid': 'filter-dealership', 'aria-label': 'Dealership',
    onchange: (e: Event) => context.setFilters({ dealership: (e.target as HTMLSelectElement).value }),
  }, h('option', { value: '' }, 'All dealerships'),
  ...dealerships.map((d) => h('option', { value: d.dealershipId, selected: d.dealershipId === filters.dealership }, d.name === d.dealershipId ? d.dealershipId : `${d.name} (${d.dealershipId})`)));

  return [
    h('label', {}, 'Month', month),
    // A viewer sees the league only: the national board or their dealership's.
    panel !== 'league' || me.role !== 'viewer' ? h('label', {}, 'State', state) : h('span'),
    h('label', {}, 'Dealership', dealership),
  ];
}
