import type { Credential } from '../api';
import { h } from '../dom';
import { credentialOf } from '../session';

/**
 * The sign-in page: a person pastes the API key or the JWT bearer token they were given. It is
 * checked against the API (GET /me) by the caller and kept in this tab's sessionStorage only.
 */
export function signIn(message: string | undefined, onCredential: (credential: Credential) => void): HTMLElement {
  const field = h('textarea', {
    id: 'credential', rows: 4, autocomplete: 'off', spellcheck: 'false', 'data-testid': 'credential',
    placeholder: 'Paste your API key, or your bearer token (JWT)',
  });
  const kind = h('p', { class: 'hint', 'aria-live': 'polite' }, 'An API key or a bearer token, as your administrator gave it to you.');
  field.addEventListener('input', () => {
    const value = field.value.trim();
    kind.textContent = value === '' ? 'An API key or a bearer token, as your administrator gave it to you.'
      : credentialOf(value).kind === 'bearer' ? 'Bearer token (JWT)' : 'API key';
  });
  const form = h('form', {
    class: 'sign-in',
    onsubmit: (e: Event) => {
      e.preventDefault();
      if (field.value.trim() !== '') {
        onCredential(credentialOf(field.value));
      }
    },
  },
  h('h1', {}, 'Pitstop'),
  h('p', {}, 'The league, budgets, service recovery and loyalty of your dealerships, live.'),
  message ? h('p', { class: 'notice error', role: 'alert', 'data-testid': 'sign-in-error' }, message) : null,
  h('label', { for: 'credential' }, 'Credential'),
  field,
  kind,
  h('button', { type: 'submit', 'data-testid': 'sign-in' }, 'Sign in'),
  h('p', { class: 'hint' }, 'Kept in this browser tab only, until you sign out or close it.'));
  return h('div', { class: 'sign-in-page' }, form);
}
