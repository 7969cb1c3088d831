import { type Answer, query } from '../api';
import { challengeProgress } from '../challenges';
import { h, points, show } from '../dom';
import { followBoard } from '../live';
import { Months } from '../months';
import { latestPoints } from '../entries';
import type { Leaderboard, LeaderboardEntry, LedgerPage, Staff } from '../types';
import { type Context, leagueRoles, nameOf, type Panel } from './context';
import { loading, notice } from './notice';

const roleNames: Record<string, string> = { technician: 'Technicians', advisor: 'Advisors', support: 'Support agents' };

/** The board the filters name: a dealership's, a state's, or the national one. */
export function scopeOf(context: Context): string {
  const { dealership, state } = context.filters;
  return dealership !== '' ? `dealership:${dealership}` : state !== '' ? `state:${state}` : 'national';
}

function scopeLabel(context: Context, scope: string): string {
  if (scope.startsWith('dealership:')) {
    return nameOf(context, scope.slice('dealership:'.length));
  }

  return scope === 'national' ? 'National' : `State ${scope.slice('state:'.length)}`;
}

/**
 * The Pitstop League: the month's top 10 of a role on one board, and a member's rank with their
 * neighbours and, this month, their progress in the challenges running for them. The current month
 * is live, pushed by the boards' streams (a past month is frozen, read once).
 */
export const leaguePanel: Panel = (root, context) => {
  const { filters } = context;
  const scope = scopeOf(context);
  const live = filters.month === context.months.current();
  const board = h('div', { 'data-testid': 'league-board' }, loading());
  const around = h('div', { 'data-testid': 'league-around' });
  const challenges = h('div', { 'data-testid': 'member-challenges' });
  const status = h('span', { class: 'live', 'data-testid': 'league-status' });
  const member = h('input', { type: 'text', value: filters.member, placeholder: 'Staff id, e.g. S-T1', 'data-testid': 'member-id', 'aria-label': 'Staff id' });

  show(root,
    h('section', { class: 'panel' },
      h('div', { class: 'panel-head' },
        h('h2', {}, `${roleNames[filters.role]} · ${scopeLabel(context, scope)} · ${Months.label(filters.month)}`),
        status),
      h('div', { class: 'segmented', role: 'group', 'aria-label': 'Role' }, ...leagueRoles.map((role) => h('button', {
        type: 'button', class: role === filters.role ? 'active' : '', 'data-testid': `role-${role}`,
        onclick: () => context.setFilters({ role }),
      }, roleNames[role]))),
      h('div', { class: 'columns' },
        h('div', {}, h('h3', {}, 'Top 10'), board),
        h('div', {},
          h('h3', {}, 'A member’s rank and neighbours'),
          h('form', {
            class: 'inline',
            onsubmit: (e: Event) => {
              e.preventDefault();
              context.setFilters({ member: member.value.trim() });
            },
          }, member, h('button', { type: 'submit', 'data-testid': 'find-member' }, 'Find')),
          around,
          challenges))));

  const path = (extra: Record<string, string | number>): string =>
    `/leaderboards/${filters.role}${query({ scope, period: filters.month, ...extra })}`;

  const showTop = (top: Answer<Leaderboard>): void => {
    if (!top.ok) {
      show(board, notice(top.status, top.title));
      return;
    }

    show(board, table(top.data.entries, filters.member, 'league-row'));
    status.textContent = `${top.data.members} on the board · ${live ? `live, updated ${new Date().toLocaleTimeString('en-IN')}` : 'final'}`;
  };

  const showAround = (near: Answer<Leaderboard> | null): void => {
    if (near === null) {
      show(around, h('p', { class: 'hint' }, 'Enter a staff id to see their rank and the members around them.'));
    } else if (!near.ok) {
      show(around, notice(near.status, near.title));
    } else {
      const self = near.data.entries.find((e) => e.staffId === filters.member);
      show(around,
        self
          ? h('p', { class: 'rank-line', 'data-testid': 'member-rank' }, `${self.name ?? self.staffId}: rank ${self.rank} of ${near.data.members}, ${points(self.score)} points`)
          : h('p', { class: 'hint', 'data-testid': 'member-rank' }, `${filters.member} has no points on this board yet.`),
        table(near.data.entries, filters.member, 'around-row'));
    }
  };

  // The member's challenges, and their latest points with why they earned them (for the roles that read ledgers).
  const showChallenges = async (): Promise<void> => {
    const id = encodeURIComponent(filters.member);
    const [self, ledger] = await Promise.all([
      context.api.get<Staff>(`/staff/${id}`),
      context.api.get<LedgerPage>(`/staff/${id}/ledger${query({ limit: 5 })}`),
    ]);
    show(challenges,
      ...(self.ok ? [h('h3', {}, 'Challenges'), challengeProgress(self.data.challengeProgress, 'member-challenge')] : []),
      ...(ledger.ok ? [h('h3', {}, 'Latest points'), latestPoints(ledger.data.items, 'member-entry')] : []));
  };

  if (!live) {
    // Challenges run now: a past month's board shows none.
    void (async () => {
      const [top, near] = await Promise.all([
        context.api.get<Leaderboard>(path({ top: 10 })),
        filters.member === '' ? Promise.resolve(null) : context.api.get<Leaderboard>(path({ around: filters.member, radius: 3 })),
      ]);
      showTop(top);
      showAround(near);
      show(challenges);
    })();
    return () => {};
  }

  // This month is live: each board follows its stream (polled every two seconds while the stream is
  // down). A member's challenges are read again when their neighbourhood changes: the events that
  // move a challenge are the ones that score.
  const parameters = { scope, period: filters.month };
  const stops = [followBoard<Leaderboard>(context.api, filters.role, { ...parameters, top: 10 }, 2000, showTop)];
  if (filters.member === '') {
    showAround(null);
  } else {
    stops.push(followBoard<Leaderboard>(context.api, filters.role, { ...parameters, around: filters.member, radius: 3 }, 2000, async (near) => {
      showAround(near);
      await showChallenges();
    }));
  }

  return () => stops.forEach((stop) => stop());
};

function table(entries: LeaderboardEntry[], highlight: string, testId: string): HTMLElement {
  if (entries.length === 0) {
    return h('p', { class: 'hint' }, 'No points on this board yet.');
  }

  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Rank'), h('th', {}, 'Name'), h('th', {}, 'Dealership'), h('th', { class: 'number' }, 'Points'))),
    h('tbody', {}, ...entries.map((e) => h('tr', { class: e.staffId === highlight ? 'highlight' : '', 'data-testid': testId, 'data-staff-id': e.staffId },
      h('td', {}, String(e.rank)),
      h('td', {}, e.name ?? e.staffId, h('span', { class: 'muted' }, ` ${e.staffId}`)),
      h('td', {}, e.dealershipId),
      h('td', { class: 'number' }, points(e.score))))));
}
