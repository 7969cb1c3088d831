import { h, points } from './dom';
import type { LedgerLine } from './types';

/**
 * A member's latest ledger entries, each with why it moved its points (the rule, inputs and program
 * version the engine recorded), shared by the kiosk card and the dashboard's member view so that
 * both explain points the same way.
 */
export function latestPoints(lines: LedgerLine[], testId: string): HTMLElement {
  if (lines.length === 0) {
    return h('p', { class: 'muted' }, 'No points yet');
  }

  return h('ul', { class: 'latest-points' }, ...lines.map((line) => h('li', { 'data-testid': testId },
    `${line.points > 0 ? '+' : ''}${points(line.points)} · ${line.explanation?.text ?? line.note ?? line.kind}`)));
}
