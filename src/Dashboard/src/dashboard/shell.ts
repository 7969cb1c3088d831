import { Api, type Credential } from '../api';
import { h, show } from '../dom';
import { Months } from '../months';
import { session } from '../session';
import type { BudgetList, LeagueRole, ListedDealership, Me, Program, RecoveryAnalytics, Staff } from '../types';
import { budgetsPanel } from './budgets';
import { type Context, type Filters, leagueRoles, type Panel, panelsFor, readsBudgets } from './context';
import { filterBar } from './filter-bar';
import { leaguePanel } from './league';
import { loyaltyPanel } from './loyalty';
import { programPanel } from './program';
import { recoveryPanel } from './recovery';
import { signIn } from './sign-in';
import { staffPanel } from './staff';

const panels: Record<string, { title: string; panel: Panel }> = {
  league: { title: 'Pitstop League', panel: leaguePanel },
  staff: { title: 'Staff performance', panel: staffPanel },
  budgets: { title: 'Budgets', panel: budgetsPanel },
  recovery: { title: 'Service recovery', panel: recoveryPanel },
  loyalty: { title: 'Loyalty', panel: loyaltyPanel },
  program: { title: 'Program', panel: programPanel },
};

export function startDashboard(root: HTMLElement): void {
  const credential = session.get();
  if (credential) {
    void open(root, credential);
  } else {
    showSignIn(root);
  }
}

function showSignIn(root: HTMLElement, message?: string): void {
  show(root, signIn(message, (credential) => {
    session.set(credential);
    void open(root, credential);
  }));
}

async function open(root: HTMLElement, credential: Credential): Promise<void> {
  const api = new Api(credential);
  const me = await api.get<Me>('/me');
  if (!me.ok) {
    session.clear();
    showSignIn(root, me.status === 401 ? 'That credential was not accepted.' : me.title);
    return;
  }

  const program = await api.get<Program>('/program');
  const months = new Months(program.ok && program.data.timeZone ? program.data.timeZone : 'Asia/Kolkata');
  const places = await placesOf(api, me.data);
  const allowed = panelsFor(me.data.role);
  let stop = (): void => {};
  // Signing out stops the panel's polling and the reaction to addresses before the sign-in page returns.
  const signOut = (): void => {
    stop();
    window.onhashchange = null;
    session.clear();
    history.replaceState(null, '', '/');
    showSignIn(root);
  };
  const main = h('main', { id: 'panel' });
  const bar = h('div', { class: 'filter-bar' });
  const nav = h('nav', { class: 'tabs' });
  show(root,
    h('header', { class: 'top' },
      h('span', { class: 'brand' }, 'Pitstop'),
      nav,
      h('span', { class: 'who', 'data-testid': 'who' }, `${me.data.role} · ${me.data.name}${scopeText(me.data)}`),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'sign-out', onclick: signOut }, 'Sign out')),
    bar,
    main);

  if (allowed.length === 0) {
    show(main, h('div', { class: 'notice' }, h('strong', {}, 'No dashboard for this credential'),
      h('p', {}, `The ${me.data.role} role sends events to the engine; it has nothing to look at here.`)));
    return;
  }

  const render = (): void => {
    stop();
    const { panel, filters } = readHash(allowed, defaults(me.data, months, places));
    const context: Context = {
      api, me: me.data, months, places, filters,
      setFilters: (changes) => writeHash(panel, { ...filters, ...changes }),
    };
    show(nav, ...allowed.map((name) => h('a', {
      href: `#/${name}${hashQuery(filters)}`, class: name === panel ? 'tab active' : 'tab', 'data-testid': `tab-${name}`,
    }, panels[name].title)));
    show(bar, ...filterBar(context, panel));
    document.title = `${panels[panel].title} · Pitstop`;
    stop = panels[panel].panel(main, context);
  };
  window.onhashchange = render;
  render();
}

/** The dealerships (and their states) the person's role can list: budgets for scoped readers, recovery figures for cx, their own for a viewer. */
async function placesOf(api: Api, me: Me): Promise<ListedDealership[]> {
  if (readsBudgets(me.role)) {
    const list = await api.get<BudgetList>('/budgets');
    return list.ok ? list.data.dealerships : [];
  }

  if (me.role === 'cx') {
    const figures = await api.get<RecoveryAnalytics>('/analytics/recovery');
    return figures.ok ? figures.data.byDealership.map((d) => ({ dealershipId: d.dealershipId, name: d.dealershipId, city: '', state: d.state })) : [];
  }

  // A staff member's dealership is on their record; a customer has no board of their own.
  const staffId = ownStaffId(me);
  if (staffId !== '') {
    const self = await api.get<Staff>(`/staff/${encodeURIComponent(staffId)}`);
    return self.ok ? [{ dealershipId: self.data.dealershipId, name: self.data.dealershipId, city: '', state: '' }] : [];
  }

  return [];
}

/** The staff id a viewer is, or '' for a customer and every other role. */
function ownStaffId(me: Me): string {
  return me.role === 'viewer' && me.member?.kind === 'staff' ? me.member.id : '';
}

/** Where a person starts: this month, and the dealership or state they look after. */
function defaults(me: Me, months: Months, places: ListedDealership[]): Filters {
  const own = me.role === 'viewer' ? places[0]?.dealershipId : me.dealerships[0];
  return {
    month: months.current(),
    state: me.role === 'regional-lead' ? me.states[0] ?? '' : '',
    dealership: ['service-head', 'workshop-manager', 'viewer'].includes(me.role) ? own ?? '' : '',
    role: 'technician',
    member: ownStaffId(me),
  };
}

function scopeText(me: Me): string {
  const scope = [...me.dealerships, ...me.states];
  return scope.length === 0 ? '' : ` · ${scope.join(', ')}`;
}

function readHash(allowed: string[], fallback: Filters): { panel: string; filters: Filters } {
  const [path, search] = window.location.hash.replace(/^#\/?/, '').split('?');
  const parameters = new URLSearchParams(search ?? '');
  const text = (name: keyof Filters): string => parameters.get(name) ?? fallback[name];
  const role = text('role') as LeagueRole;
  return {
    panel: allowed.includes(path) ? path : allowed[0],
    filters: {
      month: /^\d{4}-(0[1-9]|1[0-2])$/.test(text('month')) ? text('month') : fallback.month,
      state: text('state'),
      dealership: text('dealership'),
      role: leagueRoles.includes(role) ? role : 'technician',
      member: text('member'),
    },
  };
}

function hashQuery(filters: Filters): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    parameters.set(name, value);
  }

  return `?${parameters.toString()}`;
}

function writeHash(panel: string, filters: Filters): void {
  window.location.hash = `#/${panel}${hashQuery(filters)}`;
}
