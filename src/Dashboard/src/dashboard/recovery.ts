import { query } from '../api';
import { groupedBars } from '../charts';
import { decimal, every, h, percent, points, show } from '../dom';
import { Months } from '../months';
import type { FollowUp, Incident, IncidentPage, RecoveryAnalytics, RecoveryFigures } from '../types';
import { type Context, type Panel, stateOf } from './context';
import { figure, loading, notice } from './notice';

// How many recovered incidents the follow-up list looks through (each costs a call for its follow-ups).
const followUpWindow = 20;

/**
 * Service recovery for the month: incidents by kind and severity, the share recovered within the
 * 24-hour promise, average NPS before the incident vs after recovery, the programme's recovery KPIs
 * (expectations exceeded, recovery points redeemed, complaints escalated), and the follow-ups still due.
 */
export const recoveryPanel: Panel = (root, context) => {
  const { filters } = context;
  const figures = h('div', { class: 'figures' }, loading());
  const tables = h('div', { 'data-testid': 'recovery-tables' });
  const chart = h('div', { 'data-testid': 'nps-chart' });
  const followUps = h('div', { 'data-testid': 'follow-ups' });
  show(root, h('section', { class: 'panel' },
    h('div', { class: 'panel-head' }, h('h2', {}, `Service recovery · ${Months.label(filters.month)}`)),
    figures,
    h('div', { class: 'columns' }, tables, chart),
    followUps));

  const refresh = async (): Promise<void> => {
    const analytics = await context.api.get<RecoveryAnalytics>(`/analytics/recovery${query({
      from: context.months.start(filters.month),
      to: context.months.start(Months.next(filters.month)),
      dealershipId: filters.dealership,
      state: filters.dealership === '' ? filters.state : undefined,
    })}`);
    if (!analytics.ok) {
      show(figures, notice(analytics.status, analytics.title));
      show(tables);
      show(chart);
      show(followUps);
      return;
    }

    const { total, byKind, bySeverity } = analytics.data;
    show(figures,
      figure('Incidents', points(total.incidents), 'incidents'),
      figure('Recovered', points(total.recovered)),
      figure('Recovered within 24 h', percent(total.shareWithinSla), 'share-within-sla'),
      figure('NPS before → after', `${decimal(total.averageNpsBefore)} → ${decimal(total.averageNpsAfter)}`, 'nps'),
      figure('Customers retained', points(total.retained)),
      figure('Recovery points', points(total.pointsSpent)),
      figure('Exceeded expectations', percent(total.shareExceededExpectations), 'share-exceeded-expectations'),
      figure('Recovery points redeemed', `${points(total.recoveryPointsRedeemed)} of ${points(total.recoveryPointsIssued)}`, 'recovery-points-redeemed'),
      figure('Complaints escalated', percent(total.escalationRate), 'escalation-rate'));
    show(tables,
      h('h3', {}, 'By kind'), figuresTable('Kind', byKind.map((k) => [k.kind, k.figures])),
      h('h3', {}, 'By severity'), figuresTable('Severity', bySeverity.map((s) => [s.severity, s.figures])));
    show(chart,
      h('h3', {}, 'NPS before vs after recovery'),
      groupedBars('Average NPS before the incident and after its recovery',
        [{ name: 'before', color: 'var(--muted)' }, { name: 'after recovery', color: 'var(--good)' }],
        [{ label: 'all', values: [total.averageNpsBefore, total.averageNpsAfter] },
          ...byKind.map((k) => ({ label: k.kind, values: [k.figures.averageNpsBefore, k.figures.averageNpsAfter] }))],
        10, (v) => v.toFixed(1)));
    show(followUps, h('h3', {}, 'Follow-ups due'), await dueFollowUps(context));
  };

  return every(15_000, refresh);
};

function figuresTable(title: string, rows: [string, RecoveryFigures][]): HTMLElement {
  if (rows.length === 0) {
    return h('p', { class: 'hint' }, 'No incidents in this selection.');
  }

  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {},
      h('th', {}, title), h('th', { class: 'number' }, 'Incidents'), h('th', { class: 'number' }, 'Within 24 h'),
      h('th', { class: 'number' }, 'NPS before'), h('th', { class: 'number' }, 'NPS after'))),
    h('tbody', {}, ...rows.map(([name, f]) => h('tr', { 'data-testid': `recovery-row-${name}` },
      h('td', {}, name), h('td', { class: 'number' }, points(f.incidents)), h('td', { class: 'number' }, percent(f.shareWithinSla)),
      h('td', { class: 'number' }, decimal(f.averageNpsBefore)), h('td', { class: 'number' }, decimal(f.averageNpsAfter))))));
}

/** The check-ins not yet done of the newest recovered incidents in the selection, soonest first. */
async function dueFollowUps(context: Context): Promise<HTMLElement> {
  const { filters } = context;
  const page = await context.api.get<IncidentPage>(`/incidents${query({ status: 'recovered', dealershipId: filters.dealership, limit: followUpWindow })}`);
  if (!page.ok) {
    return notice(page.status, page.title);
  }

  const inSelection = page.data.incidents.filter((i) => filters.dealership !== '' || filters.state === '' || stateOf(context, i.dealershipId) === filters.state);
  const incidents = await Promise.all(inSelection.map((i) => context.api.get<Incident>(`/incidents/${encodeURIComponent(i.incidentId)}`)));
  const due: { incident: Incident; followUp: FollowUp }[] = [];
  for (const answer of incidents) {
    if (answer.ok) {
      for (const followUp of answer.data.followUps ?? []) {
        if (followUp.status !== 'completed') {
          due.push({ incident: answer.data, followUp });
        }
      }
    }
  }

  if (due.length === 0) {
    return h('p', { class: 'hint' }, 'No follow-ups due.');
  }

  due.sort((a, b) => a.followUp.dueAt.localeCompare(b.followUp.dueAt));
  const now = new Date().toISOString();
  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Incident'), h('th', {}, 'Customer'), h('th', {}, 'Dealership'), h('th', {}, 'Check-in'), h('th', {}, 'Due'))),
    h('tbody', {}, ...due.map(({ incident, followUp }) => h('tr', { 'data-testid': 'follow-up-row', class: followUp.dueAt < now ? 'overdue' : '' },
      h('td', {}, `${incident.incidentId} (${incident.severity})`),
      h('td', {}, incident.customerId),
      h('td', {}, incident.dealershipId),
      h('td', {}, `day ${followUp.day}`),
      h('td', {}, new Date(followUp.dueAt).toLocaleDateString('en-IN', { day: 'numeric', month: 'short', year: 'numeric' }))))));
}
