import { query } from '../api';
import { burn } from '../charts';
import { every, h, points, show } from '../dom';
import { Months } from '../months';
import type { Budget, BudgetBurn, BudgetList } from '../types';
import { type Context, nameOf, type Panel } from './context';
import { figure, loading, notice } from './notice';

/**
 * Budgets: every dealership's available points, this month's top-ups and spend, awards waiting
 * for funds, filtered by state; and the chosen dealership's burn over the month, day by day.
 */
export const budgetsPanel: Panel = (root, context) => {
  const { filters } = context;
  const summary = h('div', { class: 'figures' });
  const list = h('div', { 'data-testid': 'budget-list' }, loading());
  const chart = h('div', { 'data-testid': 'burn-chart' });
  show(root, h('section', { class: 'panel' },
    h('div', { class: 'panel-head' }, h('h2', {}, `Budgets${filters.state === '' ? '' : ` · ${filters.state}`}`)),
    summary,
    h('div', { class: 'columns wide-left' }, list, chart)));

  const refresh = async (): Promise<void> => {
    const answer = await context.api.get<BudgetList>(`/budgets${query({ state: filters.state })}`);
    if (!answer.ok) {
      show(list, notice(answer.status, answer.title));
      return;
    }

    const budgets = answer.data.budgets;
    show(summary,
      figure('Available', points(sum(budgets, (b) => b.available)), 'total-available'),
      figure('Spent this month', points(sum(budgets, (b) => b.spentThisMonth)), 'total-spent'),
      figure('Pending awards', `${points(sum(budgets, (b) => b.pendingAwards.count))} · ${points(sum(budgets, (b) => b.pendingAwards.points))} pts`, 'total-pending'));
    show(list, budgets.length === 0 ? h('p', { class: 'hint' }, 'No dealership in this selection.') : budgetTable(context, answer.data));

    // The chosen dealership's burn; one outside the list (and so perhaps outside the person's scope) is asked for all the same, and the API says.
    const chosen = filters.dealership !== '' ? filters.dealership : budgets[0]?.dealershipId;
    if (chosen === undefined) {
      show(chart);
      return;
    }

    const month = await context.api.get<BudgetBurn>(`/dealerships/${encodeURIComponent(chosen)}/budget/burn${query({ period: filters.month })}`);
    if (!month.ok) {
      show(chart, notice(month.status, month.title));
      return;
    }

    const burnt = month.data;
    show(chart,
      h('h3', {}, `${nameOf(context, chosen)} · burn in ${Months.label(filters.month)}`),
      burn(`Points spent each day in ${Months.label(filters.month)}`,
        burnt.days.map((d, i) => ({ day: i + 1, spent: d.spent, toppedUp: d.toppedUp })), points),
      h('p', { class: 'legend' },
        h('span', { class: 'key accent' }), 'spent that day ',
        h('span', { class: 'key warn' }), 'spent so far ',
        h('span', { class: 'key good' }), 'topped up'),
      h('p', { 'data-testid': 'burn-totals' }, `Spent ${points(burnt.spent)} · topped up ${points(burnt.toppedUp)} · returned ${points(burnt.returned)}`));
  };

  return every(10_000, refresh);
};

function budgetTable(context: Context, list: BudgetList): HTMLElement {
  const chosen = context.filters.dealership;
  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'Dealership'), h('th', {}, 'State'), h('th', { class: 'number' }, 'Available'),
      h('th', { class: 'number' }, 'Topped up'), h('th', { class: 'number' }, 'Spent'), h('th', { class: 'number' }, 'Pending'))),
    h('tbody', {}, ...list.budgets.map((b: Budget, i) => {
      const place = list.dealerships[i];
      return h('tr', {
        class: b.dealershipId === chosen ? 'highlight clickable' : 'clickable', 'data-testid': 'budget-row', 'data-dealership-id': b.dealershipId,
        tabindex: 0, title: 'Show this dealership’s burn',
        onclick: () => context.setFilters({ dealership: b.dealershipId }),
      },
      h('td', {}, place?.name ?? b.dealershipId, h('span', { class: 'muted' }, ` ${b.dealershipId}`)),
      h('td', {}, place?.state ?? ''),
      h('td', { class: 'number' }, points(b.available)),
      h('td', { class: 'number' }, points(b.toppedUpThisMonth)),
      h('td', { class: 'number' }, points(b.spentThisMonth)),
      h('td', { class: 'number' }, b.pendingAwards.count === 0 ? '—' : `${b.pendingAwards.count} · ${points(b.pendingAwards.points)}`));
    })));
}

const sum = (budgets: Budget[], of: (b: Budget) => number): number => budgets.reduce((total, b) => total + of(b), 0);
