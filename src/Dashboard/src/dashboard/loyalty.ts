import { query } from '../api';
import { bars, groupedBars } from '../charts';
import { every, h, percent, points, show } from '../dom';
import { Months } from '../months';
import type { CategoryFigures, CityFigures, LoyaltyAnalytics } from '../types';
import type { Panel } from './context';
import { figure, loading, notice } from './notice';

const tierColors: Record<string, string> = { silver: '#9aa5b1', gold: '#d4a72c', platinum: '#5b6b8c' };

/**
 * Loyalty for a manager: customers by tier and points issued vs redeemed to date; tier upgrades
 * and renewals in the six months ending with the chosen one; that month's redemptions by category
 * and by city, and its referrals.
 */
export const loyaltyPanel: Panel = (root, context) => {
  const { filters } = context;
  const toDate = h('div', { class: 'figures' }, loading());
  const month = h('div', { class: 'figures', 'data-testid': 'loyalty-month' });
  const charts = h('div', { class: 'columns' });
  const tierMoves = h('div', { 'data-testid': 'tier-moves' });
  const redemptions = h('div', { class: 'columns' });
  show(root, h('section', { class: 'panel', 'data-testid': 'loyalty' },
    h('div', { class: 'panel-head' }, h('h2', {}, `Loyalty · ${Months.label(filters.month)}`)),
    h('h3', {}, 'To date'), toDate,
    charts,
    h('h3', {}, `In ${Months.label(filters.month)}`), month,
    tierMoves,
    redemptions));

  const refresh = async (): Promise<void> => {
    const answer = await context.api.get<LoyaltyAnalytics>(`/analytics/loyalty${query({
      month: filters.month,
      dealershipId: filters.dealership,
      state: filters.dealership === '' ? filters.state : undefined,
    })}`);
    if (!answer.ok) {
      show(toDate, notice(answer.status, answer.title));
      [month, charts, tierMoves, redemptions].forEach((part) => show(part));
      return;
    }

    const loyalty = answer.data;
    const reported = loyalty.tierMovesByMonth[loyalty.tierMovesByMonth.length - 1];
    show(toDate,
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
    show(month,
      figure('Tier upgrades', points(reported?.totalUpgrades ?? 0), 'month-upgrades'),
      figure('Tier renewals', points(reported?.totalRenewals ?? 0), 'month-renewals'),
      figure('Redemptions', `${points(loyalty.redemptions.redemptions)} · ${points(loyalty.redemptions.points)} pts`, 'month-redemptions'),
      figure('Referral codes issued', points(loyalty.referrals.codesIssued), 'referral-codes'),
      figure('Referrals converted', points(loyalty.referrals.converted), 'referrals-converted'),
      figure('Referral points', points(loyalty.referrals.points), 'referral-points'));
    const most = Math.max(1, ...loyalty.tierMovesByMonth.map((m) => Math.max(m.totalUpgrades, m.totalRenewals)));
    show(tierMoves,
      h('h3', {}, 'Tier upgrades and renewals by month'),
      groupedBars('Tier upgrades and renewals by month',
        [{ name: 'upgrades', color: 'var(--accent)' }, { name: 'renewals', color: 'var(--good)' }],
        loyalty.tierMovesByMonth.map((m) => ({ label: Months.short(m.month), values: [m.totalUpgrades, m.totalRenewals] })),
        most, points),
      h('table', { class: 'board' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Month'), h('th', { class: 'number' }, 'Upgrades (gold / platinum)'),
          h('th', { class: 'number' }, 'Renewals (gold / platinum)'), h('th', { class: 'number' }, 'Downgrades'))),
        h('tbody', {}, ...loyalty.tierMovesByMonth.map((m) => h('tr', { 'data-testid': 'tier-month', 'data-month': m.month },
          h('td', {}, Months.label(m.month)),
          h('td', { class: 'number', 'data-testid': 'upgrades' }, `${points(m.totalUpgrades)} (${points(m.upgrades.gold)} / ${points(m.upgrades.platinum)})`),
          h('td', { class: 'number', 'data-testid': 'renewals' }, `${points(m.totalRenewals)} (${points(m.renewals.gold)} / ${points(m.renewals.platinum)})`),
          h('td', { class: 'number' }, points(m.downgrades.silver + m.downgrades.gold)))))));
    show(redemptions,
      h('div', {}, h('h3', {}, 'Redemptions by category'), redemptionTable('Category', loyalty.redemptions.byCategory, 'redemption-category')),
      h('div', {}, h('h3', {}, 'Redemptions by city'), redemptionTable('City', loyalty.redemptions.byCity, 'redemption-city')));
  };

  return every(15_000, refresh);
};

function redemptionTable(heading: string, rows: (CategoryFigures | CityFigures)[], testId: string): HTMLElement {
  if (rows.length === 0) {
    return h('p', { class: 'hint', 'data-testid': `${testId}-none` }, 'No redemptions this month.');
  }

  const name = (r: CategoryFigures | CityFigures): string => ('category' in r ? r.category : `${r.city}, ${r.state}`);
  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {}, h('th', {}, heading), h('th', { class: 'number' }, 'Redemptions'), h('th', { class: 'number' }, 'Points'))),
    h('tbody', {}, ...rows.map((r) => h('tr', { 'data-testid': testId, 'data-id': 'category' in r ? r.category : r.city },
      h('td', {}, name(r)),
      h('td', { class: 'number' }, points(r.redemptions)),
      h('td', { class: 'number' }, points(r.points))))));
}
