// The chart of lateness and duration over a job's recent runs: hand-made SVG, two panels sharing the
// x axis (oldest run left), each with its own scale, since lateness can be minutes where calls take ms.
import { s } from './dom.js';
import { duration } from './format.js';

const WIDTH = 640;
const PANEL = 110;
const GAP = 34;
const LEFT = 64;
const RIGHT = 12;
const TOP = 22;

/** An <svg> for runs given newest first (as the history lists them). */
export function runChart(runsNewestFirst) {
  const runs = [...runsNewestFirst].reverse();
  const series = [
    { key: 'lateness', label: 'Lateness', value: (run) => run.lateness_ms },
    { key: 'duration', label: 'Duration', value: (run) => run.ms },
  ];
  const height = TOP + series.length * (PANEL + GAP);
  const summary = series.map((one) => describe(one, runs)).join('. ');
  const svg = s('svg', {
    class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc',
  },
  s('title', { id: 'chart-title' }, `Lateness and duration of the last ${runs.length} runs`),
  s('desc', { id: 'chart-desc' }, summary));
  series.forEach((one, index) => svg.append(panel(one, runs, TOP + index * (PANEL + GAP))));
  return svg;
}

function describe(one, runs) {
  const values = runs.map(one.value).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) {
    return `${one.label}: none recorded`;
  }
  return `${one.label}: ${values.length} run${values.length === 1 ? '' : 's'}, highest ${duration(Math.max(...values))}, latest ${duration(values.at(-1))}`;
}

function panel(one, runs, top) {
  const bottom = top + PANEL;
  const values = runs.map(one.value);
  const max = niceCeiling(Math.max(1, ...values.filter((v) => v !== null && v !== undefined)));
  const step = runs.length > 1 ? (WIDTH - LEFT - RIGHT) / (runs.length - 1) : 0;
  const x = (i) => (runs.length > 1 ? LEFT + i * step : (LEFT + WIDTH - RIGHT) / 2);
  const y = (v) => bottom - (Math.max(0, v) / max) * PANEL;

  const group = s('g', { class: `panel panel-${one.key}` },
    s('text', { x: 0, y: top - 8, class: 'panel-label' }, one.label),
    s('line', { x1: LEFT, y1: bottom, x2: WIDTH - RIGHT, y2: bottom, class: 'axis' }),
    s('line', { x1: LEFT, y1: top, x2: LEFT, y2: bottom, class: 'axis' }),
    s('line', { x1: LEFT, y1: top, x2: WIDTH - RIGHT, y2: top, class: 'grid' }),
    s('text', { x: LEFT - 6, y: top + 4, class: 'tick' }, duration(max)),
    s('text', { x: LEFT - 6, y: bottom, class: 'tick' }, '0'));

  // A line through consecutive known values; a run without one (a manual run has no lateness) breaks it.
  let path = '';
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null || v === undefined) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
    drawing = true;
  });
  if (path) {
    group.append(s('path', { d: path.trim(), class: 'line' }));
  }
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) {
      const run = runs[i];
      group.append(s('circle', { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 3.5, class: `point status-${run.status}` },
        s('title', {}, `${run.started_at}: ${run.status}, ${one.label.toLowerCase()} ${duration(v)}`)));
    }
  });
  if (values.every((v) => v === null || v === undefined)) {
    group.append(s('text', { x: (LEFT + WIDTH) / 2, y: top + PANEL / 2, class: 'empty' },
      one.key === 'lateness' ? 'No scheduled runs yet (manual runs have no lateness)' : 'No finished runs yet'));
  }
  return group;
}

/** 1, 2 or 5 times a power of ten, at or above v: a scale a person reads at a glance. */
function niceCeiling(v) {
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * power).find((n) => n >= v);
}
