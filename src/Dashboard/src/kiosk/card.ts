import type { Api, Answer } from '../api';
import { challengeProgress } from '../challenges';
import { latestPoints } from '../entries';
import { h, points, show } from '../dom';
import { Months } from '../months';
import type { CatalogItem, Redemption, StaffCard } from '../types';

/** What the card needs from the kiosk: the API, the member and the PIN they opened it with, and how to close it. */
export type CardSession = { api: Api; staffId: string; pin: string; done: () => void; rank: (label: string, value: number | undefined) => HTMLElement };

/** Why a card action was refused, in the words the engine gave (wrong PIN and tries left, the lock, no PIN set). */
export function refusal(answer: Extract<Answer<unknown>, { ok: false }>, staffId: string): string {
  if (answer.type === '/problems/forbidden') {
    return `${staffId} is not on the team of this dealership.`;
  }

  return answer.detail ?? answer.title;
}

/**
 * A member's own card: score, ranks, wallet, the month's badges and completed challenges, their
 * progress in the challenges running for them, their latest points with the rule that earned each, and the catalog items they can redeem (those open to staff: no minimum tier). Every redemption carries
 * the PIN again: the engine, not the page, decides whether it opens.
 */
export async function showCard(target: HTMLElement, card: StaffCard, session: CardSession): Promise<void> {
  const s = card.staff;
  const earned = [
    ...s.badges.map((b) => h('span', { class: 'badge', 'data-testid': 'kiosk-badge' }, b)),
    ...card.completedChallenges.map((c) => h('span', { class: 'badge challenge', 'data-testid': 'kiosk-challenge' }, `${c.name}${c.bonus > 0 ? ` +${points(c.bonus)}` : ''}`)),
  ];
  const message = h('p', { class: 'kiosk-message', role: 'status', 'data-testid': 'kiosk-redeem-message' });
  const catalog = await session.api.get<CatalogItem[]>('/catalog');
  const items = catalog.ok ? catalog.data.filter((i) => !i.minimumTier) : [];
  let available = s.wallet.available;
  const wallet = h('p', { 'data-testid': 'kiosk-wallet' }, `Wallet: ${points(available)} points to spend`);
  const buttons = items.map((item) => h('button', {
    type: 'button', class: 'secondary', 'data-testid': 'kiosk-redeem', 'data-item-id': item.itemId, disabled: item.pointsCost > available,
    onclick: async (e: Event) => {
      const button = e.currentTarget as HTMLButtonElement;
      button.disabled = true;
      const placed = await session.api.post<Redemption>(`/staff/${encodeURIComponent(session.staffId)}/card/redemptions`, {
        pin: session.pin, itemId: item.itemId, quantity: 1, idempotencyKey: `kiosk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      });
      if (placed.ok) {
        available -= placed.data.points;
        wallet.textContent = `Wallet: ${points(available)} points to spend`;
        message.textContent = `Redeemed: ${item.name}. Collect it from your workshop manager.`;
      } else {
        message.textContent = refusal(placed, session.staffId);
      }

      buttons.forEach((b, i) => (b.disabled = items[i].pointsCost > available));
    },
  }, `${item.name} · ${points(item.pointsCost)}`));

  show(target,
    h('h2', { 'data-testid': 'kiosk-member' }, s.name ?? s.staffId),
    h('p', { class: 'kiosk-score', 'data-testid': 'kiosk-score' }, `${points(s.score)} points in ${Months.label(s.ranks.period)}`),
    h('div', { class: 'kiosk-ranks', 'data-testid': 'kiosk-ranks' },
      session.rank('Dealership', s.ranks.dealership), session.rank('State', s.ranks.state), session.rank('National', s.ranks.national)),
    wallet,
    h('div', { class: 'badges', 'data-testid': 'kiosk-badges' },
      ...(earned.length === 0 ? [h('span', { class: 'muted' }, 'No badges or challenges yet this month')] : earned)),
    h('div', { class: 'kiosk-challenges', 'data-testid': 'kiosk-challenges' }, h('h3', {}, 'Challenges'), challengeProgress(s.challengeProgress, 'kiosk-challenge-progress')),
    h('div', { class: 'kiosk-recent', 'data-testid': 'kiosk-recent' }, h('h3', {}, 'Latest points'), latestPoints(card.recentPoints, 'kiosk-entry')),
    items.length === 0 ? null : h('div', { class: 'kiosk-catalog', 'data-testid': 'kiosk-catalog' }, h('h3', {}, 'Redeem'), ...buttons),
    message,
    h('button', { type: 'button', 'data-testid': 'kiosk-done', onclick: session.done }, 'Done'));
}
