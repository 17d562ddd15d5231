// The dashboard's shell: sign-in, the header, and the routes (#/, #/new, #/jobs/<id>, #/jobs/<id>/edit).
// What a caller may do comes from GET me.json; the server checks every request anyway.
import { api, ApiError, credential, PERMISSIONS } from './api.js';
import { h, show } from './dom.js';
import { listView } from './list.js';
import { jobView } from './job.js';
import { formView } from './form.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const status = document.getElementById('status');

let session = null; // {subject, permissions, canRead, canWrite} once signed in
let renders = 0; // the newest render wins when navigations overlap
let notice = null; // shown after the next render (e.g. "Deleted ..." on the list)

/** Goes to a route, with a message for the page it lands on. */
function navigate(hash, message) {
  notice = message ?? null;
  if (location.hash === hash) {
    route();
  } else {
    location.hash = hash;
  }
}

/** A short message in the status region (read out by screen readers). */
function notify(message, kind = 'info') {
  status.className = `status status-${kind}`;
  status.textContent = message ?? '';
}

async function route() {
  const ticket = ++renders;
  notify(notice);
  notice = null;
  if (!credential.get()) {
    return render(ticket, signInView());
  }
  try {
    if (!session) {
      session = toSession(await api.me());
    }
    header();
    const view = await viewFor(location.hash || '#/');
    render(ticket, view);
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) {
      signOut(`The server refused this credential: ${failure.message}. Sign in again.`);
    } else if (ticket === renders) {
      render(ticket, problem(failure));
    }
  }
}

function viewFor(hash) {
  const [path, query = ''] = hash.slice(1).split('?');
  const params = new URLSearchParams(query);
  const context = { session, params, navigate, notify, refresh: route };
  let match;
  if (path === '/' || path === '') {
    return listView(context);
  }
  if (path === '/new' && session.canWrite) {
    return formView(context);
  }
  if ((match = path.match(/^\/jobs\/([^/]+)$/))) {
    return jobView({ ...context, jobId: decodeURIComponent(match[1]) });
  }
  if ((match = path.match(/^\/jobs\/([^/]+)\/edit$/)) && session.canWrite) {
    return formView({ ...context, jobId: decodeURIComponent(match[1]) });
  }
  return h('section', {}, h('h1', { tabindex: -1 }, 'Page not found'),
    h('p', {}, 'Nothing here. ', h('a', { href: '#/' }, 'Back to the jobs')));
}

function render(ticket, view) {
  if (ticket !== renders) {
    return;
  }
  show(main, view);
  const heading = main.querySelector('h1');
  (heading ?? main).focus();
  document.title = heading ? `${heading.textContent} · Job Runner` : 'Job Runner';
}

function problem(failure) {
  const message = failure instanceof ApiError ? failure.message : `Unexpected problem: ${failure.message}`;
  return h('section', {}, h('h1', { tabindex: -1 }, 'Something went wrong'),
    h('p', { class: 'form-error', role: 'alert' }, message),
    h('p', {}, h('a', { href: '#/' }, 'Back to the jobs')));
}

function toSession(me) {
  return {
    subject: me.subject,
    permissions: me.permissions,
    canRead: me.permissions.includes(PERMISSIONS.read),
    canWrite: me.permissions.includes(PERMISSIONS.write),
  };
}

function header() {
  show(nav, h('a', { href: '#/' }, 'Jobs'),
    session.canWrite && h('a', { href: '#/new' }, 'New job'));
  const words = session.permissions.map((p) => p.replace('job_runner:', '')).join(', ') || 'no permissions';
  show(who, h('span', {}, 'Signed in as ', h('strong', {}, session.subject), ` (${words})`),
    h('button', { type: 'button', class: 'quiet', onclick: () => signOut('Signed out.') }, 'Sign out'));
}

function signOut(message) {
  credential.clear();
  session = null;
  show(nav);
  show(who);
  navigate('#/', message);
}

function signInView() {
  const input = h('input', {
    id: 'credential', name: 'credential', type: 'password', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'credential-hint credential-error',
  });
  const error = h('p', { id: 'credential-error', class: 'field-error' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const fail = (message) => {
    show(error, message);
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  const submit = async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (!/^[\x21-\x7e]+$/.test(value)) {
      return fail(value ? 'A token or key is printable ASCII without spaces' : 'Paste a bearer token or an API key');
    }
    button.disabled = true;
    credential.set(value);
    try {
      session = toSession(await api.me());
      navigate('#/');
    } catch (failure) {
      credential.clear();
      button.disabled = false;
      fail(failure.message);
    }
  };
  return h('section', { class: 'sign-in' },
    h('h1', { tabindex: -1 }, 'Sign in'),
    h('form', { onsubmit: submit, novalidate: true },
      h('label', { for: 'credential' }, 'Bearer token or API key'),
      input,
      h('p', { id: 'credential-hint', class: 'hint' },
        'Kept in this browser tab only (sessionStorage) and sent only to this server; closing the tab forgets it.'),
      error,
      button));
}

window.addEventListener('hashchange', route);
route();
