// How times, durations and outcomes read on screen.
import { h } from './dom.js';

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** An ISO instant as a <time>, in the browser's zone; the exact instant in UTC on hover. */
export function when(iso) {
  if (!iso) {
    return h('span', { class: 'none' }, '—');
  }
  return h('time', { datetime: iso, title: iso }, DATE_TIME.format(new Date(iso)));
}

/** Milliseconds, short: 840 ms, 12.4 s, 3 min 5 s. */
export function duration(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  const abs = Math.abs(ms);
  if (abs < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (abs < 60_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  const minutes = Math.trunc(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** A run status or job state as a labelled badge (the word itself is the label, colour only adds to it). */
export function badge(word) {
  return h('span', { class: `badge badge-${word}` }, word);
}

/** Outcomes that make a job "failing"; the same rule as the list's "state" field (JobView.FAILED). */
const FAILED = new Set(['failure', 'timeout', 'unreachable', 'blocked', 'interrupted']);
const NO_OUTCOME = new Set(['running', 'skipped']);

/** A job's state from its full view and its runs (newest first), as the list computes it. */
export function stateOf(job, runs) {
  if (job.paused) {
    return 'paused';
  }
  const last = runs.find((run) => !NO_OUTCOME.has(run.status));
  return last && FAILED.has(last.status) ? 'failing' : 'active';
}

/** At most n characters of a text, on one line. */
export function clip(text, n) {
  if (!text) {
    return '';
  }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > n ? line.slice(0, n - 1) + '…' : line;
}
