// Create and edit. The browser checks nothing itself (novalidate): the API's own messages are shown next to
// the field they name, so the dashboard never disagrees with the server about what is valid.
import { api, ApiError } from './api.js';
import { h, show } from './dom.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** The fields the form edits, in the API's names; others (headers, signing, timeouts) are left as they are. */
const FIELDS = [
  { name: 'title', label: 'Title' },
  { name: 'method', label: 'Method', options: METHODS.map((m) => [m, m]) },
  { name: 'url', label: 'URL', inputmode: 'url', hint: 'An absolute http or https URL.' },
  { name: 'content_type', label: 'Content type', hint: 'Required with a body, e.g. application/json.' },
  { name: 'body', label: 'Body', multiline: true },
  { name: 'schedulation', label: 'Times of day', hint: 'HH:mm, separated by commas, e.g. 08:00, 14:30. Empty: on demand only.' },
  { name: 'timezone', label: 'Time zone', hint: 'An IANA zone such as Europe/Paris. Empty: the server’s default.' },
  { name: 'missed_run_policy', label: 'Missed runs', options: [['run_once', 'Run the latest once'], ['skip', 'Skip them']] },
  { name: 'overlap_policy', label: 'While a run is in flight', options: [['skip', 'Skip the new run'], ['allow', 'Run alongside']] },
  { name: 'retries', label: 'Retries', inputmode: 'numeric', hint: '0 to 10 retries of a failed scheduled run.' },
];

export async function formView({ jobId, navigate }) {
  const editing = Boolean(jobId);
  let job = {};
  let etag = null;
  if (editing) {
    ({ json: job, etag } = await api.job(jobId));
  }
  const controls = Object.fromEntries(FIELDS.map((field) => [field.name, control(field, initial(field.name, job))]));
  const errors = Object.fromEntries(FIELDS.map((field) => [field.name, h('p', { id: `error-${field.name}`, class: 'field-error' })]));
  const formError = h('div', { class: 'form-error', role: 'alert' });
  const submitButton = h('button', { type: 'submit' }, editing ? 'Save' : 'Create');

  const submit = async (event) => {
    event.preventDefault();
    clear(controls, errors, formError);
    submitButton.disabled = true;
    const values = collect(controls, editing);
    try {
      if (editing) {
        await api.update(jobId, values, etag);
        navigate(`#/jobs/${encodeURIComponent(jobId)}`, 'Saved.');
      } else {
        const created = await api.create(values);
        navigate(`#/jobs/${encodeURIComponent(created.id)}`, `Created “${values.title}”.`);
      }
    } catch (failure) {
      submitButton.disabled = false;
      report(failure, controls, errors, formError);
    }
  };

  const cancel = editing ? `#/jobs/${encodeURIComponent(jobId)}` : '#/';
  return h('section', {},
    h('h1', { tabindex: -1 }, editing ? `Edit “${job.title}”` : 'New job'),
    h('form', { class: 'job-form', novalidate: true, onsubmit: submit },
      formError,
      FIELDS.map((field) => h('div', { class: 'field' },
        h('label', { for: `field-${field.name}` }, field.label),
        controls[field.name],
        field.hint && h('p', { id: `hint-${field.name}`, class: 'hint' }, field.hint),
        errors[field.name])),
      h('div', { class: 'buttons' }, submitButton, h('a', { class: 'button quiet', href: cancel }, 'Cancel'))));
}

function control(field, value) {
  const common = {
    id: `field-${field.name}`, name: field.name,
    'aria-describedby': [field.hint && `hint-${field.name}`, `error-${field.name}`].filter(Boolean).join(' '),
  };
  if (field.options) {
    return h('select', common, field.options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  }
  if (field.multiline) {
    const area = h('textarea', { ...common, rows: 5, spellcheck: 'false' });
    area.value = value;
    return area;
  }
  const input = h('input', { ...common, type: 'text', inputmode: field.inputmode, spellcheck: 'false', autocomplete: 'off' });
  input.value = value;
  return input;
}

/** A field's value as the form shows it: the job's when editing, the API's defaults when creating. */
function initial(name, job) {
  const defaults = { method: 'GET', missed_run_policy: 'run_once', overlap_policy: 'skip', retries: '3' };
  const value = job[name];
  if (name === 'schedulation') {
    return (value ?? []).join(', ');
  }
  if (value === null || value === undefined) {
    return defaults[name] ?? '';
  }
  return String(value);
}

/**
 * The request's "jobrunner" object. Creating leaves empty optional fields out; editing (a merge patch) sends
 * them as null, which resets them. Numbers go as numbers only when they are numbers, so anything else
 * reaches the API as typed and gets its message.
 */
function collect(controls, editing) {
  const text = (name) => controls[name].value;
  const optional = (value) => (value.trim() === '' ? (editing ? null : undefined) : value.trim());
  const retries = text('retries').trim();
  const values = {
    title: text('title'),
    method: text('method'),
    url: text('url').trim(),
    content_type: optional(text('content_type')),
    body: text('body') === '' ? (editing ? null : undefined) : text('body'),
    schedulation: text('schedulation').split(/[\s,]+/).filter(Boolean),
    timezone: optional(text('timezone')),
    missed_run_policy: text('missed_run_policy'),
    overlap_policy: text('overlap_policy'),
    retries: retries === '' ? (editing ? null : undefined) : /^\d{1,9}$/.test(retries) ? Number(retries) : retries,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

function clear(controls, errors, formError) {
  Object.values(controls).forEach((c) => c.removeAttribute('aria-invalid'));
  Object.values(errors).forEach((e) => show(e));
  show(formError);
}

/** Each message next to the field it names; the rest (and every non-400) above the form. */
function report(failure, controls, errors, formError) {
  const messages = failure instanceof ApiError ? failure.messages : [String(failure)];
  const general = [];
  for (const message of messages) {
    const field = failure.status === 400 ? fieldOf(message) : null;
    if (field) {
      errors[field].append(h('span', {}, message));
      controls[field].setAttribute('aria-invalid', 'true');
    } else {
      general.push(message);
    }
  }
  if (general.length) {
    show(formError, h('ul', {}, general.map((m) => h('li', {}, m))));
  }
  const first = FIELDS.find((f) => controls[f.name].hasAttribute('aria-invalid'));
  if (first) {
    controls[first.name].focus();
  } else {
    formError.setAttribute('tabindex', '-1');
    formError.focus();
  }
}

/** The field a message is about: 'Invalid url "..."', 'Duplicate schedulation time ...', '"title" must ...'. */
export function fieldOf(message) {
  const names = FIELDS.map((f) => f.name);
  return names.find((n) => message.startsWith(`Invalid ${n} `) || message.startsWith(`Duplicate ${n} `))
    ?? names.find((n) => message.startsWith(`"${n}"`) || message.startsWith(`Missing "${n}"`))
    ?? (/cannot carry a body/.test(message) ? 'body' : null)
    ?? names.find((n) => message.includes(`"${n}"`))
    ?? null;
}
