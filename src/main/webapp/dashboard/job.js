// One job: what it calls and when, the actions the caller may take, its run history and the chart.
import { api, ApiError } from './api.js';
import { h, show } from './dom.js';
import { badge, clip, duration, stateOf, when } from './format.js';
import { runChart } from './chart.js';

const RUNS = 50;
const SNIPPET = 120;

export async function jobView(context) {
  const view = h('section', { class: 'job' });
  await fill(view, context);
  return view;
}

/** (Re)draws the whole view from the server; after an action, focus goes back to the named control. */
async function fill(view, context, focus) {
  const { jobId } = context;
  const [{ json: job }, runs] = await Promise.all([api.job(jobId), api.runs(jobId, RUNS)]);
  const state = stateOf(job, runs.elements);
  show(view,
    h('div', { class: 'toolbar' },
      h('h1', { tabindex: -1 }, job.title),
      badge(state)),
    job.paused && h('p', { class: 'paused-reason' }, `Paused${job.paused_at ? ' since ' : ''}`,
      job.paused_at ? when(job.paused_at) : '',
      job.paused_reason && job.paused_reason !== 'Paused' ? `: ${job.paused_reason}` : ''),
    context.session.canWrite && actions(view, context, job),
    details(job),
    h('h2', {}, 'Lateness and duration'),
    runs.elements.length
      ? h('figure', { class: 'chart-box' }, runChart(runs.elements),
        h('figcaption', {}, `${runs.elements.length === 1 ? 'The last run' : `The last ${runs.elements.length} runs, oldest on the left`}. Hover a point for its details; the table below has every figure.`))
      : h('p', {}, 'No runs yet.'),
    h('h2', {}, 'Run history'),
    runTable(runs));
  if (focus) {
    view.querySelector(`[data-action="${focus}"]`)?.focus();
  }
}

function actions(view, context, job) {
  const { jobId, navigate, notify } = context;
  const act = (name, label, work) => h('button', {
    type: 'button', 'data-action': name,
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const next = await work();
        await fill(view, context, next);
      } catch (failure) {
        button.disabled = false;
        notify(failure instanceof ApiError ? failure.message : String(failure), 'error');
      }
    },
  }, label);

  const runNow = act('run', 'Run now', async () => {
    notify('Running…');
    const outcome = await api.run(jobId);
    const line = outcome.headers?.[0] ?? outcome.reason ?? '';
    notify(`Run finished: ${outcome.status}${line ? ` (${line})` : ''} in ${duration(outcome.ms)}.`,
      outcome.status === 'success' ? 'info' : 'error');
    return 'run';
  });
  const pauseOrResume = job.paused
    ? act('resume', 'Resume', async () => {
      await api.resume(jobId);
      notify('Resumed: the schedule runs again from now.');
      return 'pause';
    })
    : act('pause', 'Pause', async () => {
      await api.pause(jobId);
      notify('Paused: scheduled runs stop until resumed; Run now still works.');
      return 'resume';
    });

  const dialog = h('dialog', { 'aria-labelledby': 'delete-title' });
  const confirm = h('button', {
    type: 'button', class: 'danger', 'data-action': 'confirm-delete',
    onclick: async () => {
      confirm.disabled = true;
      try {
        await api.remove(jobId);
        dialog.close();
        navigate('#/', `Deleted “${job.title}” and its run history.`);
      } catch (failure) {
        confirm.disabled = false;
        dialog.close();
        notify(failure.message, 'error');
      }
    },
  }, 'Delete');
  show(dialog,
    h('h2', { id: 'delete-title' }, `Delete “${job.title}”?`),
    h('p', {}, 'The job stops at once and its run history is deleted with it. This cannot be undone.'),
    h('div', { class: 'buttons' }, confirm,
      // Cancel has the focus when the dialog opens: Enter or Escape right away deletes nothing.
      h('button', { type: 'button', class: 'quiet', autofocus: true, 'data-action': 'cancel-delete', onclick: () => dialog.close() },
        'Cancel')));

  return h('div', { class: 'actions', role: 'group', 'aria-label': 'Actions' },
    runNow,
    pauseOrResume,
    h('a', { class: 'button', href: `#/jobs/${encodeURIComponent(jobId)}/edit`, 'data-action': 'edit' }, 'Edit'),
    h('button', { type: 'button', class: 'danger', 'data-action': 'delete', onclick: () => dialog.showModal() }, 'Delete'),
    dialog);
}

function details(job) {
  const item = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  const next = job.next_runs ?? [];
  return h('dl', { class: 'details' },
    item('Call', h('code', {}, job.method), ' ', h('span', { class: 'url' }, job.url)),
    job.content_type && item('Content type', h('code', {}, job.content_type)),
    job.has_body && item('Body', h('pre', { class: 'body' }, job.body)),
    item('Schedule', job.schedulation.length ? `${job.schedulation.join(', ')} (${job.timezone})` : 'on demand only'),
    job.schedulation.length > 0 && item('Next runs', next.length
      ? h('ul', { class: 'plain' }, next.map((at) => h('li', {}, when(at.utc))))
      : 'none while paused'),
    item('Missed runs', job.missed_run_policy === 'skip' ? 'skipped' : 'the latest runs once'),
    item('Retries', String(job.retries), ` · overlap: ${job.overlap_policy}`),
    job.header_names.length > 0 && item('Custom headers', job.header_names.join(', ')),
    job.signed && item('Signed', 'yes (Standard Webhooks)'),
    item('Consecutive failures', String(job.consecutive_failures)),
    item('Created', when(job.created_at), ` by ${job.created_by}`),
    job.updated_at && item('Changed', when(job.updated_at), ` by ${job.updated_by}`));
}

function runTable(runs) {
  if (runs.elements.length === 0) {
    return h('p', {}, 'This job has not run yet.');
  }
  return h('table', { class: 'runs' },
    h('caption', {}, `The newest ${runs.elements.length} of ${runs.count} runs`),
    h('thead', {}, h('tr', {},
      ['Started', 'Trigger', 'Status', 'Lateness', 'Duration', 'Response'].map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, runs.elements.map((run) => h('tr', { 'data-run-id': run.id },
      h('td', {}, when(run.started_at)),
      h('td', {}, run.trigger, run.attempt > 1 ? ` (attempt ${run.attempt})` : ''),
      h('td', {}, badge(run.status)),
      h('td', {}, duration(run.lateness_ms)),
      h('td', {}, duration(run.ms)),
      h('td', { class: 'response' }, response(run))))));
}

function response(run) {
  const text = [run.status_line, run.response].filter(Boolean).join(' ');
  const parts = [];
  if (text) {
    parts.push(text.length > SNIPPET
      ? h('details', {}, h('summary', {}, clip(text, SNIPPET)), h('pre', {}, run.response))
      : h('code', {}, clip(text, SNIPPET)));
  }
  if (run.error) {
    parts.push(h('div', { class: 'run-error' }, run.error));
  }
  return parts.length ? parts : h('span', { class: 'none' }, '—');
}
