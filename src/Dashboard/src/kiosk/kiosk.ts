import { Api, type Credential, query } from '../api';
import { every, h, points, show } from '../dom';
import { Months } from '../months';
import { credentialOf, kioskDevice } from '../session';
import type { Dealership, Leaderboard, LeaderboardEntry, LeagueRole, Program, Staff } from '../types';

const roleNames: Record<LeagueRole, string> = { technician: 'Technicians', advisor: 'Advisors', support: 'Support' };

// A member's own card is cleared after this long, so the next person at the screen does not see it.
const privateCardMs = 45_000;

/**
 * The workshop-floor kiosk of one dealership: its league, live, and a staff member's own points,
 * badges and rank once they enter their id. The device holds a key scoped to the dealership
 * (set up once: pasted here, or given in the start URL as #key=...).
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

  const showBoard = (): void => {
    stopBoard();
    show(tabs, ...(Object.keys(roleNames) as LeagueRole[]).map((r) => h('button', {
      type: 'button', class: r === role ? 'active' : '', 'data-testid': `kiosk-role-${r}`,
      onclick: () => { role = r; showBoard(); },
    }, roleNames[r])));
    stopBoard = every(5000, async () => {
      const top = await api.get<Leaderboard>(`/leaderboards/${role}${query({ scope: `dealership:${dealershipId}`, top: 10 })}`);
      show(board, top.ok ? rows(top.data.entries, '') : h('p', { class: 'notice error' }, top.title));
    });
  };

  const welcome = (): void => show(card,
    h('h2', {}, 'Your points'),
    h('form', {
      class: 'kiosk-lookup',
      onsubmit: (e: Event) => { e.preventDefault(); void lookUp(); },
    }, staffId, h('button', { type: 'submit', 'data-testid': 'kiosk-show' }, 'Show my points')));

  const lookUp = async (): Promise<void> => {
    const id = staffId.value.trim();
    if (id === '') {
      return;
    }

    const staff = await api.get<Staff>(`/staff/${encodeURIComponent(id)}`);
    staffId.value = '';
    window.clearTimeout(clearCard);
    clearCard = window.setTimeout(welcome, privateCardMs);
    if (!staff.ok) {
      // A scoped key is refused (403) anyone outside the dealership, existing or not.
      show(card, h('p', { class: 'notice error', 'data-testid': 'kiosk-not-found' },
        staff.status === 403 || staff.status === 404 ? `${id} is not on the team of this dealership.` : staff.title),
      h('button', { type: 'button', onclick: welcome }, 'Back'));
      return;
    }

    const s = staff.data;
    const staffRole = (Object.keys(roleNames) as LeagueRole[]).find((r) => r === s.role);
    const around = staffRole
      ? await api.get<Leaderboard>(`/leaderboards/${staffRole}${query({ scope: `dealership:${dealershipId}`, around: s.staffId, radius: 2 })}`)
      : null;
    show(card,
      h('h2', { 'data-testid': 'kiosk-member' }, s.name ?? s.staffId),
      h('p', { class: 'kiosk-score', 'data-testid': 'kiosk-score' }, `${points(s.score)} points in ${Months.label(s.ranks.period)}`),
      h('div', { class: 'kiosk-ranks', 'data-testid': 'kiosk-ranks' },
        rank('Dealership', s.ranks.dealership), rank('State', s.ranks.state), rank('National', s.ranks.national)),
      h('p', {}, `Wallet: ${points(s.wallet.available)} points to spend`),
      h('div', { class: 'badges', 'data-testid': 'kiosk-badges' },
        ...(s.badges.length === 0 ? [h('span', { class: 'muted' }, 'No badges yet this month')] : s.badges.map((b) => h('span', { class: 'badge' }, b)))),
      around && around.ok ? rows(around.data.entries, s.staffId) : null,
      h('button', { type: 'button', 'data-testid': 'kiosk-done', onclick: () => { window.clearTimeout(clearCard); welcome(); } }, 'Done'));
  };

  show(root,
    h('header', { class: 'kiosk-head' },
      h('h1', {}, dealership.data.profile.name),
      h('span', {}, `Pitstop League · ${Months.label(months.current())}`)),
    h('div', { class: 'kiosk-main' }, h('section', {}, tabs, board), card));
  welcome();
  showBoard();
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
