// Small inline SVG charts: enough for the dashboards, no chart library to keep up to date.

const svgNs = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }

  if (text !== undefined) {
    element.textContent = text;
  }

  return element;
}

export type Bar = { label: string; value: number; color?: string };

/** Horizontal bars with their values, one row per bar. */
export function bars(title: string, data: Bar[], format: (value: number) => string): SVGSVGElement {
  const rowHeight = 34;
  const width = 560;
  const labelWidth = 150;
  const height = Math.max(1, data.length) * rowHeight + 8;
  const max = Math.max(1, ...data.map((d) => d.value));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  data.forEach((d, i) => {
    const y = i * rowHeight + 4;
    const length = ((width - labelWidth - 90) * d.value) / max;
    chart.append(
      svg('text', { x: 0, y: y + 20, class: 'chart-label' }, d.label),
      svg('rect', { x: labelWidth, y: y + 4, width: Math.max(length, 1), height: rowHeight - 12, rx: 3, fill: d.color ?? 'var(--accent)' }),
      svg('text', { x: labelWidth + length + 8, y: y + 20, class: 'chart-value' }, format(d.value)),
    );
  });
  return chart;
}

export type Series = { name: string; color: string };

export type Group = { label: string; values: (number | undefined)[] };

/** Vertical bars in groups (e.g. NPS before and after, per kind of incident), with a legend. */
export function groupedBars(title: string, series: Series[], groups: Group[], max: number, format: (value: number) => string): SVGSVGElement {
  const width = 560;
  const height = 240;
  const plotTop = 28;
  const plotBottom = height - 28;
  const groupWidth = (width - 20) / Math.max(1, groups.length);
  const barWidth = Math.min(48, (groupWidth - 24) / series.length);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  series.forEach((s, i) => {
    chart.append(
      svg('rect', { x: 10 + i * 150, y: 4, width: 14, height: 14, fill: s.color }),
      svg('text', { x: 30 + i * 150, y: 16, class: 'chart-label' }, s.name),
    );
  });
  chart.append(svg('line', { x1: 10, x2: width - 10, y1: plotBottom, y2: plotBottom, class: 'chart-axis' }));
  groups.forEach((g, gi) => {
    const left = 10 + gi * groupWidth + (groupWidth - barWidth * series.length) / 2;
    g.values.forEach((value, si) => {
      if (value === undefined || value === null) {
        return;
      }

      const barHeight = ((plotBottom - plotTop - 16) * value) / Math.max(max, 1);
      const x = left + si * barWidth;
      chart.append(
        svg('rect', { x, y: plotBottom - barHeight, width: barWidth - 4, height: Math.max(barHeight, 1), fill: series[si].color }),
        svg('text', { x: x + (barWidth - 4) / 2, y: plotBottom - barHeight - 4, class: 'chart-value', 'text-anchor': 'middle' }, format(value)),
      );
    });
    chart.append(svg('text', { x: 10 + gi * groupWidth + groupWidth / 2, y: height - 8, class: 'chart-label', 'text-anchor': 'middle' }, g.label));
  });
  return chart;
}

export type BurnPoint = { day: number; spent: number; toppedUp: number };

/** A month's burn: points spent each day as bars, the month's cumulative spend as a line, top-ups as marks. */
export function burn(title: string, days: BurnPoint[], format: (value: number) => string): SVGSVGElement {
  const width = 640;
  const height = 260;
  const left = 64;
  const top = 24;
  const bottom = height - 28;
  const step = (width - left - 10) / Math.max(1, days.length);
  let running = 0;
  const cumulative = days.map((d) => (running += d.spent));
  const max = Math.max(1, running, ...days.map((d) => d.toppedUp));
  const y = (value: number): number => bottom - ((bottom - top) * value) / max;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  chart.append(
    svg('line', { x1: left, x2: width - 10, y1: bottom, y2: bottom, class: 'chart-axis' }),
    svg('text', { x: left - 6, y: top + 4, class: 'chart-value', 'text-anchor': 'end' }, format(max)),
    svg('text', { x: left - 6, y: bottom, class: 'chart-value', 'text-anchor': 'end' }, '0'),
  );
  days.forEach((d, i) => {
    const x = left + i * step;
    if (d.spent > 0) {
      chart.append(svg('rect', { x: x + 1, y: y(d.spent), width: Math.max(step - 2, 1), height: bottom - y(d.spent), fill: 'var(--accent)' }));
    }

    if (d.toppedUp > 0) {
      chart.append(svg('circle', { cx: x + step / 2, cy: y(d.toppedUp), r: 5, fill: 'var(--good)' }));
    }

    if (d.day === 1 || d.day % 5 === 0) {
      chart.append(svg('text', { x: x + step / 2, y: height - 8, class: 'chart-label', 'text-anchor': 'middle' }, String(d.day)));
    }
  });
  const line = cumulative.map((value, i) => `${i === 0 ? 'M' : 'L'}${left + i * step + step / 2},${y(value)}`).join(' ');
  chart.append(svg('path', { d: line, fill: 'none', stroke: 'var(--warn)', 'stroke-width': 2.5 }));
  return chart;
}
