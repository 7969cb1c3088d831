import { h, points } from './dom';
import type { ChallengeProgress } from './types';

const kpiNames: Record<string, string> = { 'first-time-fix': 'first-time fixes', 'on-time': 'on-time deliveries', 'csat-5': 'CSAT 5s', upsell: 'upsells' };

const day = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * A member's progress in each challenge in force for them (count of target, as a bar), shared by the
 * kiosk card and the dashboard's member view so that both say the same thing the same way.
 */
export function challengeProgress(challenges: ChallengeProgress[], testId: string): HTMLElement {
  if (challenges.length === 0) {
    return h('p', { class: 'muted', 'data-testid': `${testId}-none` }, 'No challenges running for you now');
  }

  return h('ul', { class: 'challenge-progress' }, ...challenges.map((c) => h('li', { 'data-testid': testId, 'data-challenge-id': c.challengeId },
    h('span', { class: 'challenge-title' }, c.title),
    h('progress', { max: c.target, value: Math.min(c.count, c.target), 'aria-label': `${c.title}: ${c.count} of ${c.target}` }),
    h('span', { 'data-testid': `${testId}-count` },
      `${points(Math.min(c.count, c.target))} of ${points(c.target)} ${kpiNames[c.kpi] ?? c.kpi}`,
      c.completed ? ' · completed' : '',
      c.points > 0 ? ` · +${points(c.points)} points` : '',
      c.to ? ` · until ${day.format(new Date(`${c.to}T00:00:00Z`))}` : ''))));
}
