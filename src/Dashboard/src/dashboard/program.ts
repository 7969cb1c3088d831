import { h, points, show } from '../dom';
import { Months } from '../months';
import type { BoardTop, ProgramVersion, Simulation, SimulationFigures } from '../types';
import type { Panel } from './context';
import { loading, notice } from './notice';

type Json = null | boolean | number | string | Json[] | { [name: string]: Json };

/**
 * The program page (admins): the versions stored and the settings any two of them differ in, the
 * program in force, a candidate edited beside it with the differences listed, and a what-if
 * simulation of the candidate over an archived period, its figures side by side with what happened
 * (the same period replayed under the program in force).
 */
export const programPanel: Panel = (root, context) => {
  let stopped = false;
  const inForce = h('pre', { class: 'program', 'data-testid': 'program-in-force' }, loading());
  const candidate = h('textarea', { class: 'program', rows: 24, 'data-testid': 'program-candidate', spellcheck: false });
  const diff = h('div', { 'data-testid': 'program-diff' });
  const { month, state, dealership } = context.filters;
  const results = h('div', { 'data-testid': 'simulation' });
  const versions = h('div', { 'data-testid': 'program-versions' }, loading());
  const versionDiff = h('div', { 'data-testid': 'version-diff' });
  const older = h('select', { 'data-testid': 'diff-from', 'aria-label': 'Older version' });
  const newer = h('select', { 'data-testid': 'diff-to', 'aria-label': 'Newer version' });
  let current: Json = null;

  const compare = (): void => {
    const parsed = parse(candidate.value);
    show(diff, parsed === undefined
      ? h('p', { class: 'notice error', 'data-testid': 'candidate-invalid' }, 'The candidate is not valid JSON.')
      : differences(current, parsed, ['In force', 'Candidate'], 'program', 'The candidate is the program in force.'));
  };

  // Two versions' documents, each as the silos apply it, setting by setting.
  const compareVersions = async (): Promise<void> => {
    const [from, to] = [older.value, newer.value];
    const [before, after] = await Promise.all([context.api.get<Json>(`/program/versions/${from}`), context.api.get<Json>(`/program/versions/${to}`)]);
    if (!before.ok) {
      show(versionDiff, notice(before.status, before.title));
      return;
    }

    if (!after.ok) {
      show(versionDiff, notice(after.status, after.title));
      return;
    }

    show(versionDiff, differences(before.data, after.data, [`Version ${from}`, `Version ${to}`], 'version', `Versions ${from} and ${to} are the same program.`));
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
    h('h3', {}, 'Versions'), versions,
    h('p', {}, h('label', {}, 'From ', older), ' ', h('label', {}, 'to ', newer), ' ',
      h('button', { type: 'button', 'data-testid': 'version-compare', onclick: () => void compareVersions() }, 'Compare versions')),
    versionDiff,
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
    const answer = await context.api.get<ProgramVersion[]>('/program/versions');
    if (!answer.ok) {
      show(versions, notice(answer.status, answer.title));
      return;
    }

    show(versions, versionTable(answer.data));
    const numbers = answer.data.map((v) => v.version);
    show(older, ...numbers.map((n) => h('option', { value: n, selected: n === Math.max(1, numbers.length - 1) }, `Version ${n}`)));
    show(newer, ...numbers.map((n) => h('option', { value: n, selected: n === numbers.length }, `Version ${n}`)));
  })();

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

const when = (iso: string): string => new Date(iso).toLocaleString('en-IN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Kolkata' });

/** Every version: its number, from when, for whom, and who stored it when. */
function versionTable(versions: ProgramVersion[]): HTMLElement {
  const scope = (v: ProgramVersion): string => v.pilot
    ? `pilot: ${[...v.pilot.dealerships, ...v.pilot.states].join(', ')} until ${when(v.pilot.until)}`
    : 'everyone';
  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {}, h('th', { class: 'number' }, 'Version'), h('th', {}, 'Effective from'), h('th', {}, 'For'), h('th', {}, 'Created by'), h('th', {}, 'Created at'))),
    h('tbody', {}, ...versions.map((v) => h('tr', { 'data-testid': 'program-version', 'data-version': v.version },
      h('td', { class: 'number' }, v.version),
      h('td', {}, v.effectiveFrom ? when(v.effectiveFrom) : 'always (the configuration)'),
      h('td', { 'data-testid': 'version-scope' }, scope(v)),
      h('td', {}, v.createdBy), h('td', {}, when(v.createdAt))))));
}

/** The settings two documents differ in, old → new, each row a <testId>-change with its path. */
function differences(before: Json, after: Json, [left, right]: [string, string], testId: string, same: string): HTMLElement {
  const old = leaves(before, '', new Map());
  const now = leaves(after, '', new Map());
  const paths = [...new Set([...old.keys(), ...now.keys()])].filter((p) => old.get(p) !== now.get(p)).sort();
  if (paths.length === 0) {
    return h('p', { class: 'hint', 'data-testid': `${testId}-same` }, same);
  }

  return h('table', { class: 'board' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Setting'), h('th', {}, left), h('th', {}, right))),
    h('tbody', {}, ...paths.map((p) => h('tr', { 'data-testid': `${testId}-change`, 'data-path': p },
      h('td', {}, p), h('td', {}, old.get(p) ?? '—'), h('td', {}, now.get(p) ?? '—')))));
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
  return h('div', {}, h('table', { class: 'board', 'data-testid': 'simulation-results' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Figure'), h('th', {}, ''), h('th', { class: 'number' }, 'What happened'),
      h('th', { class: 'number' }, 'Candidate'), h('th', { class: 'number' }, 'Change'))),
    h('tbody', {}, ...rows.map(([group, name, before, after]) => h('tr', { 'data-testid': 'simulation-row', 'data-figure': `${group}: ${name}` },
      h('td', {}, group), h('td', {}, name), h('td', { class: 'number' }, points(before)), h('td', { class: 'number' }, points(after)),
      h('td', { class: 'number' }, after === before ? '—' : `${after > before ? '+' : ''}${points(after - before)}`))))),
  boardsSideBySide(happened.boards, candidate.boards));
}

/** The league's top 10 of each board, place by place: who stood there in what happened and under the candidate. */
function boardsSideBySide(happened: BoardTop[], candidate: BoardTop[]): HTMLElement {
  const key = (b: BoardTop): string => `${b.role} ${b.scope}`;
  const boards = new Map<string, [BoardTop | undefined, BoardTop | undefined]>();
  happened.forEach((b) => boards.set(key(b), [b, undefined]));
  candidate.forEach((b) => boards.set(key(b), [boards.get(key(b))?.[0], b]));
  const place = (board: BoardTop | undefined, rank: number): string => {
    const at = board?.top.find((p) => p.rank === rank);
    return at ? `${at.name ?? at.staffId} (${points(at.score)})` : '—';
  };
  const rows = [...boards.keys()].sort().flatMap((name) => {
    const [before, after] = boards.get(name)!;
    const ranks = [...new Set([...(before?.top ?? []), ...(after?.top ?? [])].map((p) => p.rank))].sort((a, b) => a - b);
    return ranks.map((rank) => h('tr', { 'data-testid': 'simulation-board-row', 'data-board': name, 'data-rank': rank },
      h('td', {}, name), h('td', { class: 'number' }, rank), h('td', {}, place(before, rank)), h('td', {}, place(after, rank))));
  });
  return h('table', { class: 'board', 'data-testid': 'simulation-boards' },
    h('thead', {}, h('tr', {}, h('th', {}, 'League board'), h('th', { class: 'number' }, 'Place'), h('th', {}, 'What happened'), h('th', {}, 'Candidate'))),
    h('tbody', {}, ...rows));
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}
