import { api, h, stateBadge, getJson, link, prHref } from './dom.js';
import { startNotifications } from './notify.js';

const form = document.getElementById('task-form');
const criteria = document.getElementById('criteria');
const submitButton = document.getElementById('submit');
const tbody = document.querySelector('#tasks tbody');
const olderButton = document.getElementById('load-older');
const filterForm = document.getElementById('task-filters');
const filterState = document.getElementById('filter-state');
const filterRepo = document.getElementById('filter-repo');
const filterQ = document.getElementById('filter-q');

const PAGE = 50;
const MY_JOBS = 'delegate.myJobs';
const MAX_MY_JOBS = 200;
const REPO = /^[A-Za-z0-9_][A-Za-z0-9._-]*\/[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const WORKING = new Set(['PREPARING', 'RUNNING', 'COMMITTING', 'NEEDS_INPUT']);

// ---------------------------------------------------------------- the form

function addCriterion(value = '') {
  const input = h('input', { type: 'text', name: 'criterion', value, placeholder: 'The button downloads the stories as JSON' });
  const checkButton = h('button', {
    type: 'button', class: 'add-check', title: 'Add a command that checks it', 'aria-label': 'Add a check command',
    onclick: () => { checkButton.replaceWith(checkInput()); row.querySelector('input[name="check"]').focus(); },
  }, '+ check');
  const row = h('div', { class: 'row criterion-row' }, input, checkButton,
    h('button', { type: 'button', title: 'Remove', 'aria-label': 'Remove criterion', onclick: () => row.remove() }, '✕'));
  criteria.append(row);
  return input;
}

/** The optional check command of a criterion: run in the job's workspace, exit code 0 = met. */
function checkInput() {
  return h('input', {
    type: 'text', name: 'check', class: 'check-command', 'aria-label': 'Check command (optional)',
    placeholder: 'npm test -- export (exit 0 = met)',
  });
}

/** Each criterion row as the API takes it: its text, or {text, check} when it has a command. */
function criteriaValues() {
  return [...criteria.querySelectorAll('.criterion-row')].map((row) => {
    const text = row.querySelector('input[name="criterion"]').value.trim();
    const check = row.querySelector('input[name="check"]')?.value.trim();
    return !text ? null : check ? { text, check } : text;
  }).filter(Boolean);
}

function clearErrors() {
  document.getElementById('form-error').textContent = '';
  for (const field of form.querySelectorAll('.field')) {
    field.classList.remove('invalid');
    field.querySelector('.error')?.remove();
  }
}

/** Puts each field's message next to it; messages for unknown fields go under the button. */
function showErrors(error) {
  const fields = error?.fields || {};
  const general = [];
  for (const [name, message] of Object.entries(fields)) {
    const key = name.replace(/\[\d+\]$/, '').replace(/\.\d+$/, '');
    const field = form.querySelector(`.field[data-field="${CSS.escape(key)}"]`)
      || (['owner', 'repository'].includes(key) ? form.querySelector('.field[data-field="repo"]') : null);
    if (field) {
      field.classList.add('invalid');
      field.append(h('div', { class: 'error', 'data-error-for': key }, message));
    } else general.push(message);
  }
  if (!Object.keys(fields).length) general.push(error?.message || 'The request failed.');
  document.getElementById('form-error').textContent = general.join(' ');
}

function request() {
  const body = {
    title: form.title.value.trim(),
    objective: form.objective.value.trim(),
    acceptanceCriteria: criteriaValues(),
  };
  const constraints = form.constraints.value.trim();
  if (constraints) body.constraints = constraints;
  const repo = form.repo.value.trim();
  if (repo) {
    const slash = repo.indexOf('/');
    if (slash > 0) { body.owner = repo.slice(0, slash); body.repo = repo.slice(slash + 1); } else body.repo = repo;
  }
  return body;
}

/** The form ready for the next task; the repository stays. */
function clearForm() {
  form.title.value = '';
  form.objective.value = '';
  form.constraints.value = '';
  criteria.replaceChildren();
  addCriterion();
}

/** Remembers a job this browser asked for (newest last, at most MAX_MY_JOBS). */
function rememberJob(jobId) {
  if (!jobId) return;
  try {
    let jobs = JSON.parse(localStorage.getItem(MY_JOBS) || '[]');
    if (!Array.isArray(jobs)) jobs = [];
    jobs = jobs.filter((id) => typeof id === 'string' && id !== jobId);
    jobs.push(jobId);
    localStorage.setItem(MY_JOBS, JSON.stringify(jobs.slice(-MAX_MY_JOBS)));
  } catch (e) { /* storage off or full: notifications are a bonus */ }
}

function showResult(body) {
  const result = document.getElementById('result');
  const prLink = link(prHref(body.prUrl), prHref(body.prUrl));
  prLink.id = 'pr-link';
  result.className = 'result';
  result.replaceChildren(
    h('div', { class: 'pr-line' }, h('strong', {}, 'Pull request created: '), prLink),
    h('div', {}, 'Branch ', h('code', {}, body.branch), ' · ',
      Object.assign(link(`/tasks/${encodeURIComponent(body.taskId)}`, 'follow the agent live →'), { id: 'task-link' })));
  result.hidden = false;
}

let submitting = false;
async function submit(event) {
  event.preventDefault();
  if (submitting) return; // a second click or Enter while the first request is out
  submitting = true;
  submitButton.disabled = true;
  clearErrors();
  try {
    const response = await api('/api/delegate/personal', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request()),
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 201) {
      rememberJob(body.jobId);
      showResult(body);
      clearForm();
      refreshHead();
    } else {
      showErrors(body.error);
    }
  } catch (e) {
    showErrors({ message: `The server did not answer: ${e.message}` });
  } finally {
    submitting = false;
    submitButton.disabled = false;
  }
}

// ---------------------------------------------------------------- the list

const filters = {
  state: '', repo: '', q: '',
};
const shown = new Map(); // task id -> { task, row, fetchedAt }
const byJob = new Map(); // job id -> task id
let next = null; // cursor of the next (older) page, null when none
let version = 0; // bumped when the filters change: answers for older filters are dropped

function readUrl() {
  const params = new URLSearchParams(location.search);
  filters.state = (params.get('state') || '').toUpperCase();
  filters.repo = params.get('repo') || '';
  filters.q = params.get('q') || '';
  filterState.value = [...filterState.options].some((o) => o.value === filters.state) ? filters.state : '';
  filters.state = filterState.value;
  filterRepo.value = filters.repo;
  filterQ.value = filters.q;
}

function writeUrl() {
  const params = new URLSearchParams();
  for (const name of ['state', 'repo', 'q']) if (filters[name]) params.set(name, filters[name]);
  const query = params.toString();
  history.replaceState(null, '', query ? `${location.pathname}?${query}` : location.pathname);
  document.getElementById('filter-clear').hidden = !query;
}

function listUrl(before) {
  const params = new URLSearchParams();
  for (const name of ['state', 'repo', 'q']) if (filters[name]) params.set(name, filters[name]);
  params.set('limit', String(PAGE));
  if (before) params.set('before', before);
  return `/api/tasks?${params}`;
}

function shownState(task) {
  return task.jobState || task.state;
}

function duration(ms) {
  if (ms === null || ms === undefined || ms === 0) return '—'; // no job, or not started
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

function durationNow(entry) {
  const { task, fetchedAt } = entry;
  if (task.durationMs === null || task.durationMs === undefined) return null;
  return WORKING.has(shownState(task)) ? task.durationMs + (Date.now() - fetchedAt) : task.durationMs;
}

function created(iso) {
  const at = new Date(iso);
  return h('time', { datetime: iso, title: at.toString() },
    at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
}

function cells(entry) {
  const { task } = entry;
  return [
    h('td', { class: 'title' }, link(`/tasks/${encodeURIComponent(task.id)}`, task.title)),
    h('td', { class: 'created', 'data-label': 'Created' }, created(task.createdAt)),
    h('td', { class: 'duration', 'data-label': 'Duration' }, duration(durationNow(entry))),
    h('td', { class: 'job-state', 'data-label': 'State' }, stateBadge(shownState(task))),
    h('td', { class: 'agent', 'data-label': 'Agent' }, task.agent || '—'),
    h('td', { class: 'repo', 'data-label': 'Repository' }, `${task.owner}/${task.repo}`),
    h('td', { class: 'pr', 'data-label': 'Pull request' },
      task.prUrl ? link(prHref(task.prUrl), `#${task.prNumber}`) : h('span', { class: 'muted' }, '—')),
  ];
}

/** The row of `task`, made or drawn again in place. */
function draw(task) {
  let entry = shown.get(task.id);
  if (entry) {
    entry.task = task;
    entry.fetchedAt = Date.now();
    entry.row.replaceChildren(...cells(entry));
  } else {
    entry = { task, fetchedAt: Date.now(), row: h('tr', { 'data-task': task.id }) };
    entry.row.replaceChildren(...cells(entry));
    shown.set(task.id, entry);
  }
  entry.row.dataset.state = shownState(task);
  if (task.jobId) byJob.set(task.jobId, task.id);
  return entry;
}

/** Newest first by (createdAt, id), as the server pages. */
function newer(a, b) {
  const at = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return at !== 0 ? at > 0 : a.id > b.id;
}

function noteKnownRepos(tasks) {
  const list = document.getElementById('known-repos');
  const known = new Set([...list.options].map((o) => o.value));
  for (const task of tasks) {
    const repo = `${task.owner}/${task.repo}`;
    if (!known.has(repo)) { known.add(repo); list.append(h('option', { value: repo })); }
  }
}

function showFooter() {
  // the agent column only when a task on the page knows its agent
  document.getElementById('tasks').classList.toggle('no-agent', ![...shown.values()].some((e) => e.task.agent));
  olderButton.hidden = next === null;
  const empty = document.getElementById('no-tasks');
  empty.hidden = shown.size > 0;
  empty.textContent = filters.state || filters.repo || filters.q ? 'No tasks match these filters.' : 'No tasks yet.';
}

function showListError(e) {
  document.getElementById('tasks-error').textContent = e ? `The task list could not be loaded: ${e.message}` : '';
}

/** The first page for the current filters, replacing the list. */
async function loadFirst() {
  const mine = ++version;
  try {
    const body = await getJson(listUrl());
    if (mine !== version) return;
    showListError(null);
    shown.clear();
    byJob.clear();
    tbody.replaceChildren(...body.tasks.map((t) => draw(t).row));
    next = body.next;
    noteKnownRepos(body.tasks);
  } catch (e) {
    if (mine !== version) return;
    showListError(e);
  }
  showFooter();
}

async function loadOlder() {
  if (next === null) return;
  const mine = version;
  olderButton.disabled = true;
  try {
    const body = await getJson(listUrl(next));
    if (mine !== version) return;
    showListError(null);
    for (const task of body.tasks) if (!shown.has(task.id)) tbody.append(draw(task).row);
    next = body.next;
    noteKnownRepos(body.tasks);
  } catch (e) {
    showListError(e);
  } finally {
    olderButton.disabled = false;
    showFooter();
  }
}

/** Puts a task not shown yet where it belongs; one older than every row shown waits for its page. */
function place(task) {
  const entry = draw(task);
  for (const row of tbody.children) {
    const other = shown.get(row.dataset.task)?.task;
    if (other && newer(task, other)) { tbody.insertBefore(entry.row, row); return; }
  }
  if (next === null) tbody.append(entry.row);
  else { shown.delete(task.id); byJob.delete(task.jobId); }
}

/** The first page again, merged in: new tasks matching the filters appear in place, rows update. */
let heading = null;
function refreshHead() {
  if (heading) { heading.again = true; return; }
  heading = { again: false };
  (async () => {
    try {
      do {
        heading.again = false;
        const mine = version;
        const body = await getJson(listUrl());
        if (mine !== version) continue;
        showListError(null);
        for (const task of body.tasks) {
          const fresh = !shown.has(task.id);
          if (fresh) place(task); else draw(task);
        }
        if (!shown.size) next = body.next;
        noteKnownRepos(body.tasks);
        showFooter();
      } while (heading.again);
    } catch (e) {
      showListError(e);
    } finally {
      heading = null;
    }
  })();
}

/** A job of a task on the page changed: its state at once, then the whole row afresh. */
async function jobChanged(change) {
  const taskId = byJob.get(change.jobId);
  const entry = taskId && shown.get(taskId);
  if (!entry) { refreshHead(); return; }
  entry.task = { ...entry.task, jobState: change.state };
  entry.row.dataset.state = change.state;
  entry.row.querySelector('.job-state').replaceChildren(stateBadge(change.state));
  try {
    const task = await getJson(`/api/tasks/${encodeURIComponent(taskId)}`);
    if (shown.get(taskId) === entry && task.jobId === change.jobId) draw(task);
  } catch (e) { /* the badge is right; the duration catches up on the next change */ }
}

function tick() {
  for (const entry of shown.values()) {
    if (WORKING.has(shownState(entry.task))) {
      entry.row.querySelector('.duration').textContent = duration(durationNow(entry));
    }
  }
}

function follow() {
  const events = new EventSource('/api/events');
  events.addEventListener('job', (e) => jobChanged(JSON.parse(e.data)));
  events.addEventListener('resync', () => refreshHead());
  events.addEventListener('hello', () => refreshHead()); // (re)connected: catch up once
  window.addEventListener('pagehide', () => events.close());
}

function applyFilters() {
  const repo = filterRepo.value.trim();
  if (repo && !REPO.test(repo)) {
    filterRepo.setCustomValidity('owner/name, like local/sample-app');
    filterRepo.reportValidity();
    return;
  }
  filterRepo.setCustomValidity('');
  const wanted = { state: filterState.value, repo, q: filterQ.value.trim() };
  if (wanted.state === filters.state && wanted.repo === filters.repo && wanted.q === filters.q) return;
  Object.assign(filters, wanted);
  writeUrl();
  next = null;
  loadFirst();
}

let typing = null;
function searchSoon() {
  clearTimeout(typing);
  typing = setTimeout(applyFilters, 250);
}

// ---------------------------------------------------------------- wiring

document.getElementById('add-criterion').addEventListener('click', () => addCriterion().focus());
form.addEventListener('submit', submit);
filterForm.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(typing); applyFilters(); });
filterState.addEventListener('change', applyFilters);
filterRepo.addEventListener('change', applyFilters);
filterRepo.addEventListener('input', () => filterRepo.setCustomValidity(''));
filterQ.addEventListener('input', searchSoon);
document.getElementById('filter-clear').addEventListener('click', () => {
  filterState.value = ''; filterRepo.value = ''; filterQ.value = '';
  applyFilters();
});
olderButton.addEventListener('click', loadOlder);
window.addEventListener('popstate', () => { readUrl(); loadFirst(); });

addCriterion();
readUrl();
writeUrl();
loadFirst();
setInterval(tick, 1000);
getJson('/api/ui').then((c) => {
  form.repo.value = form.repo.value || c.defaultRepo || '';
  if (c.defaultRepo) noteKnownRepos([{ owner: c.defaultRepo.split('/')[0], repo: c.defaultRepo.split('/').slice(1).join('/') }]);
}).catch(() => {});
follow();
startNotifications(document.getElementById('notify'));
