import { h } from '../dom';

/** What a panel shows instead of its data: loading, out of scope (403), or another failure. */
export function notice(status: number, title: string): HTMLElement {
  if (status === 403) {
    return h('div', { class: 'notice scope', 'data-testid': 'out-of-scope', role: 'status' },
      h('strong', {}, 'Not in your scope'),
      h('p', {}, 'Your sign-in does not cover this data. Choose a dealership or state you look after.'));
  }

  if (status === 401) {
    return h('div', { class: 'notice error', role: 'alert' }, h('strong', {}, 'Signed out'), h('p', {}, 'Your credential is no longer accepted; sign in again.'));
  }

  return h('div', { class: 'notice error', 'data-testid': 'panel-error', role: 'alert' },
    h('strong', {}, 'Not available'), h('p', {}, `${title}${status > 0 ? ` (HTTP ${status})` : ''}`));
}

export function loading(): HTMLElement {
  return h('p', { class: 'loading' }, 'Loading…');
}

/** A figure card: a big number and what it is. */
export function figure(label: string, value: string, testId?: string): HTMLElement {
  return h('div', { class: 'figure', 'data-testid': testId }, h('span', { class: 'figure-value' }, value), h('span', { class: 'figure-label' }, label));
}
