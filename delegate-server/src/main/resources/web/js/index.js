import { api, h, stateBadge, getJson, link, prHref, time } from './dom.js';

const form = document.getElementById('task-form');
const criteria = document.getElementById('criteria');
const rows = new Map(); // jobId -> <tr>

function addCriterion(value = '') {
  const input = h('input', { type: 'text', name: 'criterion', value, placeholder: 'The button downloads the stories as JSON' });
  const row = h('div', { class: 'row' }, input,
    h('button', { type: 'button', title: 'Remove', 'aria-label': 'Remove criterion', onclick: () => row.remove() }, '✕'));
  criteria.append(row);
  return input;
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
    acceptanceCriteria: [...criteria.querySelectorAll('input')].map((i) => i.value.trim()).filter(Boolean),
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

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const button = document.getElementById('submit');
  const result = document.getElementById('result');
  button.disabled = true;
  try {
    const response = await api('/api/delegate/personal', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request()),
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 201) {
      result.className = 'result';
      result.replaceChildren(
        h('strong', {}, 'Pull request created: '), h('a', { id: 'pr-link', href: prHref(body.prUrl) }, prHref(body.prUrl)),
        h('div', {}, 'Branch ', h('code', {}, body.branch), ' · ', h('a', { id: 'task-link', href: `/tasks/${encodeURIComponent(body.taskId)}` }, 'follow the agent live →')));
      result.hidden = false;
      refreshTasks();
    } else {
      showErrors(body.error);
    }
  } catch (e) {
    showErrors({ message: `The server did not answer: ${e.message}` });
  } finally {
    button.disabled = false;
  }
}

function taskRow(task) {
  const pr = task.prUrl ? h('a', { href: prHref(task.prUrl) }, `#${task.prNumber}`) : stateBadge(task.state);
  const row = h('tr', { 'data-task': task.id },
    h('td', {}, h('a', { href: `/tasks/${encodeURIComponent(task.id)}` }, task.title)),
    h('td', {}, `${task.owner}/${task.repo}`),
    h('td', {}, pr),
    h('td', { class: 'job-state' }, stateBadge(task.jobState || task.state)),
    h('td', { class: 'muted' }, time(task.createdAt)));
  if (task.jobId) rows.set(task.jobId, row);
  return row;
}

let refreshing = null;
async function refreshTasks() {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    try {
      const { tasks } = await getJson('/api/tasks');
      rows.clear();
      document.querySelector('#tasks tbody').replaceChildren(...tasks.map(taskRow));
      document.getElementById('no-tasks').hidden = tasks.length > 0;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function follow() {
  const events = new EventSource('/api/events');
  events.addEventListener('job', (e) => {
    const change = JSON.parse(e.data);
    const row = rows.get(change.jobId);
    if (row) row.querySelector('.job-state').replaceChildren(stateBadge(change.state));
    else refreshTasks(); // a task made elsewhere
  });
  events.addEventListener('resync', () => refreshTasks());
  events.addEventListener('hello', () => refreshTasks()); // (re)connected: catch up once
  window.addEventListener('pagehide', () => events.close());
}

document.getElementById('add-criterion').addEventListener('click', () => addCriterion().focus());
form.addEventListener('submit', submit);
addCriterion();
getJson('/api/ui').then((c) => { form.repo.value = c.defaultRepo || ''; }).catch(() => {});
follow();
