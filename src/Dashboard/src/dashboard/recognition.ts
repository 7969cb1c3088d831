import { h, points } from '../dom';
import type { RecognitionItem } from '../types';

const kindNames: Record<RecognitionItem['kind'], string> = { badge: 'Badge', challenge: 'Challenge', 'spot-award': 'Spot award' };

/** One line of a recognition feed, as the dashboard and the kiosk show it. */
export function recognitionLine(item: RecognitionItem): string {
  const who = item.name ?? item.staffId;
  const bonus = item.points ? ` (+${points(item.points)} points)` : '';
  return `${kindNames[item.kind]} · ${who}: ${item.title}${bonus}`;
}

export function recognitionList(items: RecognitionItem[]): HTMLElement {
  if (items.length === 0) {
    return h('p', { class: 'hint' }, 'No badges, challenges or spot awards yet.');
  }

  return h('ul', { class: 'recognition' }, ...items.map((item) => h('li', { 'data-testid': 'recognition-row', 'data-kind': item.kind },
    recognitionLine(item),
    h('span', { class: 'muted' }, ` ${new Date(item.at).toLocaleDateString('en-IN', { day: 'numeric', month: 'short' })}`))));
}
