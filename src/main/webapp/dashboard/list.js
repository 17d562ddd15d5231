// The job list: each job's state, schedule, next run and last outcome, a page at a time.
import { api } from './api.js';
import { h } from './dom.js';
import { badge, duration, when } from './format.js';

const SIZE = 20;

export async function listView({ session, params }) {
  const heading = h('h1', { tabindex: -1 }, 'Jobs');
  if (!session.canRead) {
    return h('section', {}, heading,
      h('p', { class: 'form-error' }, 'This credential has no job_runner:read permission, so it cannot see jobs.'));
  }
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const list = await api.list(page, SIZE);
  const intro = h('div', { class: 'toolbar' }, heading,
    session.canWrite && h('a', { class: 'button', href: '#/new' }, 'New job'));
  if (list.count === 0) {
    return h('section', {}, intro, h('p', {}, session.canWrite ? 'No jobs yet: make the first one.' : 'No jobs yet.'));
  }
  return h('section', {}, intro,
    h('table', { class: 'jobs' },
      h('caption', {}, `${list.count} ${list.count === 1 ? 'job' : 'jobs'}, page ${list.pages.current} of ${list.pages.max}`),
      h('thead', {}, h('tr', {},
        ['Title', 'State', 'Schedule', 'Next run', 'Last outcome', 'Call'].map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, list.elements.map(row))),
    pager(list.pages));
}

function row(job) {
  return h('tr', { 'data-job-id': job.id },
    h('th', { scope: 'row' }, h('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, job.title)),
    h('td', {}, badge(job.state)),
    h('td', {}, job.schedulation.length ? `${job.schedulation.join(', ')} ${job.timezone}` : 'on demand'),
    h('td', {}, when(job.next_run)),
    h('td', {}, lastOutcome(job.last_run)),
    h('td', { class: 'call' }, h('code', {}, job.method), ' ', h('span', { class: 'url' }, job.url)));
}

function lastOutcome(run) {
  if (!run) {
    return h('span', { class: 'none' }, 'never run');
  }
  return h('span', {}, badge(run.status), ' ', when(run.started_at),
    run.ms === null ? '' : ` · ${duration(run.ms)}`, run.trigger === 'manual' ? ' · manual' : '');
}

function pager(pages) {
  if (pages.max <= 1) {
    return null;
  }
  const link = (page, label) => h('a', { href: `#/?page=${page}` }, label);
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    pages.current > 1 && link(pages.current - 1, 'Previous page'),
    h('span', {}, `Page ${pages.current} of ${pages.max}`),
    pages.current < pages.max && link(pages.current + 1, 'Next page'));
}
