import { h, points, show } from '../dom';
import { Months } from '../months';
import type { Simulation, SimulationFigures } from '../types';
import type { Panel } from './context';
import { loading, notice } from './notice';

type Json = null | boolean | number | string | Json[] | { [name: string]: Json };

/**
 * The program page (admins): the program in force, a candidate edited beside it with the
 * differences listed, and a what-if simulation of the candidate over an archived period, its figures
 * side by side with what happened (the same period replayed under the program in force).
 */
export const programPanel: Panel = (root, context) => {
  let stopped = false;
  const inForce = h('pre', { class: 'program', 'data-testid': 'program-in-force' }, loading());
  const candidate = h('textarea', { class: 'program', rows: 24, 'data-testid': 'program-candidate', spellcheck: false });
  const diff = h('div', { 'data-testid': 'program-diff' });
  const { month, state, dealership } = context.filters;
  const results = h('div', { 'data-testid': 'simulation' });
  let current: Json = null;

  const compare = (): void => {
    const parsed = parse(candidate.value);
    show(diff, parsed === undefined
      ? h('p', { class: 'notice error', 'data-testid': 'candidate-invalid' }, 'The candidate is not valid JSON.')
      : differences(current, parsed));
  };

  const simulate = async (): Promise<void> => {
    const program = parse(candidate.value);
    if (program === undefined) {
      compare();
      return;
    }

    // The filter bar's month, and its dealership or state when one is chosen.
    const started = await context.api.post<Simulation>('/program/simulations', {
      program, from: `${month}-01T00:00:00+05:30`, to: `${nextMonth(month)}-01T00:00:00+05:30`,
      dealerships: dealership === '' ? undefined : [dealership],
      states: dealership === '' && state !== '' ? [state] : undefined,
    });
    if (!started.ok) {
      show(results, notice(started.status, started.detail ?? started.title));
      return;
    }

    const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'simulation-cancel',
      onclick: () => void context.api.delete<Simulation>(`/program/simulations/${started.data.id}`) }, 'Cancel');
    let simulation = started.data;
    while (!stopped && (simulation.state === 'queued' || simulation.state === 'running')) {
      show(results, h('p', { 'data-testid': 'simulation-progress' },
        `Simulation ${simulation.id}: ${simulation.state}, ${points(simulation.replayed)} of ${points(simulation.total)} events replayed `), cancel);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const answer = await context.api.get<Simulation>(`/program/simulations/${simulation.id}`);
      if (!answer.ok) {
        show(results, notice(answer.status, answer.title));
        return;
      }

      simulation = answer.data;
    }

    show(results, simulation.inForce && simulation.candidate
      ? sideBySide(simulation.inForce, simulation.candidate)
      : h('p', { class: 'notice error', 'data-testid': 'simulation-ended' }, `Simulation ${simulation.state}${simulation.error ? `: ${simulation.error}` : ''}`));
  };

  show(root, h('section', { class: 'panel' },
    h('div', { class: 'panel-head' }, h('h2', {}, 'Program')),
    h('div', { class: 'columns' },
      h('div', {}, h('h3', {}, 'In force'), inForce),
      h('div', {}, h('h3', {}, 'Candidate'), candidate,
        h('p', {}, h('button', { type: 'button', 'data-testid': 'program-compare', onclick: compare }, 'Compare')))),
    h('h3', {}, 'Differences'), diff,
    h('h3', {}, 'What if'),
    h('p', {}, `Replay the archived events of ${Months.label(month)}${dealership !== '' ? ` at ${dealership}` : state !== '' ? ` in ${state}` : ''} under the candidate `,
      h('button', { type: 'button', 'data-testid': 'simulate', onclick: () => void simulate() }, 'Simulate')),
    results));

  void (async () => {
    const answer = await context.api.get<Json>('/program');
    if (!answer.ok) {
      show(inForce, notice(answer.status, answer.title));
      return;
    }

    current = answer.data;
    const text = JSON.stringify(current, null, 2);
    show(inForce, text);
    candidate.value = text;
    compare();
  })();

  return () => { stopped = true; };
};

function parse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** Every leaf of a document by its path (recovery.minorAward), so that two documents compare value by value. */
function leaves(value: Json, path: string, into: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, child] of Object.entries(value)) {
      leaves(child, path === '' ? name : `${path}.${name}`, into);
    }
  } else {
    into.set(path, JSON.stringify(value));
  }

  return into;
}

function differences(inForce: Json, candidate: Json): HTMLElement {
  const before = leaves(inForce, '', new Map());
  const after = leaves(candidate, '', new Map());
  const paths = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
  if (paths.length === 0) {
    return h('p', { class: 'hint', 'data-testid': 'program-same' }, 'The candidate is the program in force.');
  }

  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Setting'), h('th', {}, 'In force'), h('th', {}, 'Candidate'))),
    h('tbody', {}, ...paths.map((p) => h('tr', { 'data-testid': 'program-change', 'data-path': p },
      h('td', {}, p), h('td', {}, before.get(p) ?? '—'), h('td', {}, after.get(p) ?? '—')))));
}

/** The two replays' figures, row by row: what happened (the program in force) and the candidate. */
function sideBySide(happened: SimulationFigures, candidate: SimulationFigures): HTMLElement {
  const rows: [string, string, number, number][] = [];
  const add = (group: string, of: (f: SimulationFigures) => Record<string, number>): void => {
    for (const name of [...new Set([...Object.keys(of(happened)), ...Object.keys(of(candidate))])].sort()) {
      rows.push([group, name, of(happened)[name] ?? 0, of(candidate)[name] ?? 0]);
    }
  };
  add('Customer points', (f) => f.customerPointsByKind);
  add('Staff points', (f) => f.staffPointsByKind);
  add('Budget drawn', (f) => f.budgetDrawn);
  add('Customers by tier', (f) => f.tiers);
  rows.push(['Recovery points', 'all', happened.recoveryPoints, candidate.recoveryPoints]);
  return h('table', { class: 'board', 'data-testid': 'simulation-results' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Figure'), h('th', {}, ''), h('th', { class: 'number' }, 'What happened'),
      h('th', { class: 'number' }, 'Candidate'), h('th', { class: 'number' }, 'Change'))),
    h('tbody', {}, ...rows.map(([group, name, before, after]) => h('tr', { 'data-testid': 'simulation-row', 'data-figure': `${group}: ${name}` },
      h('td', {}, group), h('td', {}, name), h('td', { class: 'number' }, points(before)), h('td', { class: 'number' }, points(after)),
      h('td', { class: 'number' }, after === before ? '—' : `${after > before ? '+' : ''}${points(after - before)}`)))));
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}
