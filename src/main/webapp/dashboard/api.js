// The Job Runner API as the dashboard uses it. The credential (a bearer token or an API key) lives in this
// tab's sessionStorage only: gone when the tab closes, never in a cookie, never sent anywhere but this API.

const PREFIX = '2026-02-01/';
const STORED = 'jobrunner.credential';

export const PERMISSIONS = { read: 'job_runner:read', write: 'job_runner:write', admin: 'job_runner:admin' };

export const credential = {
  get: () => sessionStorage.getItem(STORED),
  set: (value) => sessionStorage.setItem(STORED, value),
  clear: () => sessionStorage.removeItem(STORED),
};

/** A refused request: its HTTP status and the API's own messages ({"error": ..., "errors": [...]}). */
export class ApiError extends Error {
  constructor(status, messages) {
    super(messages[0]);
    this.status = status;
    this.messages = messages;
  }
}

/** Sends one request; resolves to {json, etag}, or rejects with an ApiError. */
export async function call(method, path, { body, ifMatch } = {}) {
  const headers = { Accept: 'application/json' };
  const secret = credential.get();
  if (secret) {
    // An API key is accepted as a bearer credential too (the jr_ prefix tells it from a token).
    headers.Authorization = 'Bearer ' + secret;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (ifMatch) {
    headers['If-Match'] = ifMatch;
  }
  let response;
  try {
    response = await fetch(PREFIX + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (failure) {
    throw new ApiError(0, ['The server could not be reached (' + failure.message + ')']);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, messagesOf(json, response.status));
  }
  return { json, etag: response.headers.get('ETag') };
}

function messagesOf(json, status) {
  if (json && Array.isArray(json.errors) && json.errors.length > 0) {
    return json.errors.map(String);
  }
  if (json && typeof json.error === 'string') {
    return [json.error];
  }
  return ['The server answered ' + status + ' without an explanation'];
}

const id = (value) => encodeURIComponent(value);

export const api = {
  me: () => call('GET', 'me.json').then((r) => r.json),
  list: (page, size) => call('GET', `job-runner.json?size=${size}&page=${page}`).then((r) => r.json),
  job: (jobId) => call('GET', `job-runner/${id(jobId)}.json`),
  runs: (jobId, size) => call('GET', `job-runner/${id(jobId)}/runs.json?size=${size}`).then((r) => r.json),
  create: (jobrunner) => call('POST', 'job-runner.json', { body: { jobrunner } }).then((r) => r.json),
  update: (jobId, patch, etag) =>
    call('PATCH', `job-runner/${id(jobId)}.json`, { body: { jobrunner: patch }, ifMatch: etag }),
  run: (jobId) => call('POST', `job-runner/${id(jobId)}/run.json`).then((r) => r.json),
  pause: (jobId) => call('POST', `job-runner/${id(jobId)}/pause.json`),
  resume: (jobId) => call('POST', `job-runner/${id(jobId)}/resume.json`),
  remove: (jobId) => call('DELETE', `job-runner/${id(jobId)}.json`).then((r) => r.json),
};
