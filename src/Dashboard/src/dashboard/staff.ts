import { query } from '../api';
import { bars } from '../charts';
import { decimal, every, h, percent, points, show } from '../dom';
import { Months } from '../months';
import type { AdvisorFigures, OnTimeFigures, RecognitionFeed, StaffPerformance, TechnicianFigures } from '../types';
import { type Context, nameOf, type Panel } from './context';
import { figure, loading, notice } from './notice';
import { recognitionList } from './recognition';

/**
 * Staff performance for service heads and regional leads: CSAT by month, on-time delivery by
 * dealership and state, first-time fix and repeat repairs per technician, upsells per advisor,
 * participation, and a chosen dealership's recognition feed.
 */
export const staffPanel: Panel = (root, context) => {
  const { filters } = context;
  const figures = h('div', { class: 'figures' }, loading());
  const trend = h('div', { 'data-testid': 'csat-trend' });
  const onTime = h('div', { 'data-testid': 'on-time' });
  const people = h('div', { class: 'columns' });
  const recognition = h('div', { 'data-testid': 'recognition' });
  show(root, h('section', { class: 'panel', 'data-testid': 'staff-performance' },
    h('div', { class: 'panel-head' }, h('h2', {}, `Staff performance · ${Months.label(filters.month)}`)),
    figures,
    h('div', { class: 'columns' }, trend, onTime),
    people,
    h('h3', {}, 'Recognition'),
    recognition));

  const refresh = async (): Promise<void> => {
    const [answer, feed] = await Promise.all([
      context.api.get<StaffPerformance>(`/analytics/staff-performance${query({
        month: filters.month,
        dealershipId: filters.dealership,
        state: filters.dealership === '' ? filters.state : undefined,
      })}`),
      filters.dealership === '' ? Promise.resolve(null) : context.api.get<RecognitionFeed>(`/dealerships/${encodeURIComponent(filters.dealership)}/recognition`),
    ]);
    show(recognition, feed === null
      ? h('p', { class: 'hint' }, 'Choose a dealership to see its badges, challenges and spot awards.')
      : feed.ok ? recognitionList(feed.data.items) : notice(feed.status, feed.title));
    if (!answer.ok) {
      show(figures, notice(answer.status, answer.title));
      show(trend);
      show(onTime);
      show(people);
      return;
    }

    const data = answer.data;
    const month = data.csatTrend[data.csatTrend.length - 1];
    const visits = data.onTimeByState.reduce((sum, s) => sum + s.visits, 0);
    const delivered = data.onTimeByState.reduce((sum, s) => sum + s.onTime, 0);
    show(figures,
      figure('CSAT this month', decimal(month?.average), 'csat-average'),
      figure('Delivered on time', percent(visits === 0 ? undefined : delivered / visits), 'on-time-share'),
      figure('Participation', `${percent(data.participation.share)} (${points(data.participation.earned)} of ${points(data.participation.registered)})`, 'participation'));
    show(trend, h('h3', {}, 'CSAT by month (average of 1–5)'),
      bars('Average CSAT by month', data.csatTrend.map((m) => ({ label: Months.label(m.month), value: m.average ?? 0, color: 'var(--accent)' })), (v) => v.toFixed(1)));
    show(onTime,
      h('h3', {}, 'On-time delivery by dealership'), onTimeTable(context, data.onTimeByDealership, 'on-time-dealership'),
      h('h3', {}, 'By state'), onTimeTable(context, data.onTimeByState, 'on-time-state'));
    show(people,
      h('div', {}, h('h3', {}, 'Technicians'), technicianTable(data.technicians)),
      h('div', {}, h('h3', {}, 'Advisors'), advisorTable(data.advisors)));
  };

  return every(15_000, refresh);
};

function onTimeTable(context: Context, rows: OnTimeFigures[], testId: string): HTMLElement {
  if (rows.length === 0) {
    return h('p', { class: 'hint' }, 'No dealerships in this selection.');
  }

  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {}, h('th', {}, rows[0].dealershipId ? 'Dealership' : 'State'), h('th', { class: 'number' }, 'Visits'), h('th', { class: 'number' }, 'On time'))),
    h('tbody', {}, ...rows.map((r) => h('tr', { 'data-testid': testId, 'data-id': r.dealershipId ?? r.state },
      h('td', {}, r.dealershipId ? nameOf(context, r.dealershipId) : r.state),
      h('td', { class: 'number' }, points(r.visits)),
      h('td', { class: 'number' }, percent(r.share))))));
}

function technicianTable(rows: TechnicianFigures[]): HTMLElement {
  if (rows.length === 0) {
    return h('p', { class: 'hint' }, 'No visits this month.');
  }

  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Technician'), h('th', { class: 'number' }, 'Visits'), h('th', { class: 'number' }, 'First-time fix'), h('th', { class: 'number' }, 'Repeat repairs'))),
    h('tbody', {}, ...rows.map((t) => h('tr', { 'data-testid': 'technician-row', 'data-staff-id': t.staffId },
      h('td', {}, t.name ?? t.staffId, h('span', { class: 'muted' }, ` ${t.staffId}`)),
      h('td', { class: 'number' }, points(t.visits)),
      h('td', { class: 'number' }, percent(t.firstTimeFixRate)),
      h('td', { class: 'number' }, percent(t.repeatRepairRate))))));
}

function advisorTable(rows: AdvisorFigures[]): HTMLElement {
  if (rows.length === 0) {
    return h('p', { class: 'hint' }, 'No visits or upsells this month.');
  }

  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Advisor'), h('th', { class: 'number' }, 'Visits'), h('th', { class: 'number' }, 'Upsells'), h('th', { class: 'number' }, 'Upsells per visit'))),
    h('tbody', {}, ...rows.map((a) => h('tr', { 'data-testid': 'advisor-row', 'data-staff-id': a.staffId },
      h('td', {}, a.name ?? a.staffId, h('span', { class: 'muted' }, ` ${a.staffId}`)),
      h('td', { class: 'number' }, points(a.visits)),
      h('td', { class: 'number' }, points(a.upsells)),
      h('td', { class: 'number' }, decimal(a.upsellsPerVisit))))));
}
