import { Api, type Credential, query } from '../api';
import { h, points, show } from '../dom';
import { followBoard } from '../live';
import { Months } from '../months';
import { credentialOf, kioskDevice } from '../session';
import type { Dealership, Leaderboard, LeaderboardEntry, LeagueRole, Program, StaffCard } from '../types';
import { refusal, showCard } from './card';
import { recognitionTicker } from './ticker';

const roleNames: Record<LeagueRole, string> = { technician: 'Technicians', advisor: 'Advisors', support: 'Support' };

// A member's own card is cleared after this long, so the next person at the screen does not see it.
const privateCardMs = 45_000;

/**
 * The workshop-floor kiosk of one dealership: its league, live, its recognition feed, and a staff
 * member's own card once they enter their id and their PIN. The device holds a key scoped to the
 * dealership (set up once: pasted here, or given in the start URL as #key=...).
 */
export function startKiosk(root: HTMLElement, dealershipId: string): void {
  document.documentElement.classList.add('kiosk');
  const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get('key');
  if (fromUrl) {
    kioskDevice.set(dealershipId, credentialOf(fromUrl));
    // The key leaves the address bar (and the history) at once.
    history.replaceState(null, '', window.location.pathname);
  }

  const credential = kioskDevice.get(dealershipId);
  if (credential) {
    void run(root, dealershipId, credential);
  } else {
    setUp(root, dealershipId);
  }
}

function setUp(root: HTMLElement, dealershipId: string, message?: string): void {
  const field = h('input', { type: 'password', autocomplete: 'off', 'data-testid': 'kiosk-key', 'aria-label': 'Kiosk key', placeholder: 'This dealership’s kiosk key' });
  show(root, h('form', {
    class: 'kiosk-setup',
    onsubmit: (e: Event) => {
      e.preventDefault();
      if (field.value.trim() !== '') {
        const credential = credentialOf(field.value);
        kioskDevice.set(dealershipId, credential);
        void run(root, dealershipId, credential);
      }
    },
  },
  h('h1', {}, `Set up the kiosk of ${dealershipId}`),
  message ? h('p', { class: 'notice error', role: 'alert', 'data-testid': 'kiosk-error' }, message) : null,
  h('p', {}, 'Enter the key your administrator issued for this dealership’s kiosk. It stays on this device.'),
  field,
  h('button', { type: 'submit', 'data-testid': 'kiosk-save' }, 'Start the kiosk')));
}

async function run(root: HTMLElement, dealershipId: string, credential: Credential): Promise<void> {
  const api = new Api(credential);
  const dealership = await api.get<Dealership>(`/dealerships/${encodeURIComponent(dealershipId)}`);
  if (!dealership.ok) {
    kioskDevice.clear(dealershipId);
    setUp(root, dealershipId, dealership.status === 403
      ? `That key does not cover ${dealershipId}.`
      : dealership.status === 401 ? 'That key is not accepted.' : dealership.title);
    return;
  }

  const program = await api.get<Program>('/program');
  const months = new Months(program.ok && program.data.timeZone ? program.data.timeZone : 'Asia/Kolkata');
  let role: LeagueRole = 'technician';
  let stopBoard = (): void => {};
  let clearCard: number | undefined;
  const board = h('div', { class: 'kiosk-board', 'data-testid': 'kiosk-board' });
  const card = h('div', { class: 'kiosk-card', 'data-testid': 'kiosk-card' });
  const tabs = h('div', { class: 'kiosk-tabs', role: 'group', 'aria-label': 'Role' });
  const staffId = h('input', { type: 'text', autocomplete: 'off', 'data-testid': 'kiosk-staff-id', 'aria-label': 'Your staff id', placeholder: 'Your staff id' });
  const pin = h('input', {
    type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: 8, 'data-testid': 'kiosk-pin', 'aria-label': 'Your PIN', placeholder: 'Your PIN',
  });
  const ticker = h('div', { class: 'kiosk-recognition', 'data-testid': 'kiosk-recognition' });

  const showBoard = (): void => {
    stopBoard();
    show(tabs, ...(Object.keys(roleNames) as LeagueRole[]).map((r) => h('button', {
      type: 'button', class: r === role ? 'active' : '', 'data-testid': `kiosk-role-${r}`,
      onclick: () => { role = r; showBoard(); },
    }, roleNames[r])));
    // Live: the board's stream redraws it as scores change (polled every 5 s while the stream is down).
    stopBoard = followBoard<Leaderboard>(api, role, { scope: `dealership:${dealershipId}`, top: 10 }, 5000, (top) => {
      show(board, top.ok ? rows(top.data.entries, '') : h('p', { class: 'notice error' }, top.title));
    });
  };

  const welcome = (): void => show(card,
    h('h2', {}, 'Your points'),
    h('form', {
      class: 'kiosk-lookup',
      onsubmit: (e: Event) => { e.preventDefault(); void lookUp(); },
    }, staffId, pin, h('button', { type: 'submit', 'data-testid': 'kiosk-show' }, 'Show my card')));

  const done = (): void => {
    window.clearTimeout(clearCard);
    welcome();
  };

  const lookUp = async (): Promise<void> => {
    const id = staffId.value.trim();
    const entered = pin.value;
    if (id === '' || entered === '') {
      return;
    }

    // The PIN leaves the field at once; the card keeps it only while it is shown, for redemptions.
    staffId.value = '';
    pin.value = '';
    const opened = await api.post<StaffCard>(`/staff/${encodeURIComponent(id)}/card`, { pin: entered });
    window.clearTimeout(clearCard);
    clearCard = window.setTimeout(welcome, privateCardMs);
    if (!opened.ok) {
      show(card, h('p', { class: 'notice error', role: 'alert', 'data-testid': 'kiosk-refused' }, refusal(opened, id)),
        h('button', { type: 'button', onclick: done }, 'Back'));
      return;
    }

    const s = opened.data.staff;
    const staffRole = (Object.keys(roleNames) as LeagueRole[]).find((r) => r === s.role);
    await showCard(card, opened.data, { api, staffId: s.staffId, pin: entered, done, rank });
    if (staffRole) {
      const around = await api.get<Leaderboard>(`/leaderboards/${staffRole}${query({ scope: `dealership:${dealershipId}`, around: s.staffId, radius: 2 })}`);
      // Only onto the card still shown: it may have been closed while the board was read.
      const doneButton = card.querySelector('[data-testid="kiosk-done"]');
      if (around.ok && doneButton) {
        card.insertBefore(rows(around.data.entries, s.staffId), doneButton);
      }
    }
  };

  show(root,
    h('header', { class: 'kiosk-head' },
      h('h1', {}, dealership.data.profile.name),
      h('span', {}, `Pitstop League · ${Months.label(months.current())}`)),
    h('div', { class: 'kiosk-main' }, h('section', {}, tabs, board, ticker), card));
  welcome();
  showBoard();
  recognitionTicker(ticker, api, dealershipId);
}

function rank(label: string, value: number | undefined): HTMLElement {
  return h('div', {}, h('span', { class: 'kiosk-rank' }, value === undefined || value === null ? '—' : `#${value}`), h('span', {}, label));
}

function rows(entries: LeaderboardEntry[], highlight: string): HTMLElement {
  if (entries.length === 0) {
    return h('p', { class: 'muted' }, 'No points yet this month.');
  }

  return h('ol', { class: 'kiosk-rows' }, ...entries.map((e) => h('li', { class: e.staffId === highlight ? 'highlight' : '', 'data-testid': 'kiosk-row', 'data-staff-id': e.staffId },
    h('span', { class: 'kiosk-rank' }, String(e.rank)),
    h('span', { class: 'kiosk-name' }, e.name ?? e.staffId),
    h('span', { class: 'kiosk-points' }, points(e.score)))));
}
