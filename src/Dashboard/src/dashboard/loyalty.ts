import { query } from '../api';
import { bars } from '../charts';
import { every, h, percent, points, show } from '../dom';
import type { LoyaltyAnalytics } from '../types';
import type { Panel } from './context';
import { figure, loading, notice } from './notice';

const tierColors: Record<string, string> = { silver: '#9aa5b1', gold: '#d4a72c', platinum: '#5b6b8c' };

/** Loyalty: customers by tier, points issued vs redeemed and the redemption rate, for the selection. */
export const loyaltyPanel: Panel = (root, context) => {
  const { filters } = context;
  const figures = h('div', { class: 'figures' }, loading());
  const charts = h('div', { class: 'columns' });
  show(root, h('section', { class: 'panel', 'data-testid': 'loyalty' },
    h('div', { class: 'panel-head' }, h('h2', {}, 'Loyalty')),
    figures,
    charts));

  const refresh = async (): Promise<void> => {
    const answer = await context.api.get<LoyaltyAnalytics>(`/analytics/loyalty${query({
      dealershipId: filters.dealership,
      state: filters.dealership === '' ? filters.state : undefined,
    })}`);
    if (!answer.ok) {
      show(figures, notice(answer.status, answer.title));
      show(charts);
      return;
    }

    const loyalty = answer.data;
    show(figures,
      figure('Customers', points(loyalty.customers), 'customers'),
      figure('Points issued', points(loyalty.pointsIssued), 'points-issued'),
      figure('Points redeemed', points(loyalty.pointsRedeemed), 'points-redeemed'),
      figure('Redemption rate', percent(loyalty.redemptionRate), 'redemption-rate'));
    show(charts,
      h('div', {}, h('h3', {}, 'Customers by tier'),
        bars('Customers by tier', Object.entries(loyalty.tiers).map(([tier, count]) => ({ label: tier, value: count, color: tierColors[tier] })), points)),
      h('div', {}, h('h3', {}, 'Points issued vs redeemed'),
        bars('Points issued vs redeemed', [
          { label: 'issued', value: loyalty.pointsIssued, color: 'var(--accent)' },
          { label: 'redeemed', value: loyalty.pointsRedeemed, color: 'var(--good)' },
        ], points)));
  };

  return every(15_000, refresh);
};
