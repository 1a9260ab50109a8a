import { api, h, stateBadge, getJson, link, prHref, time } from './dom.js';
import { renderDiffView, parseDiff } from './diff.js';
import { sentence, parseApproval } from './history.js';
import { startNotifications, myJobs, watchJob } from './notify.js';
import { AgentTerminal } from './terminal.js';

const taskId = decodeURIComponent(location.pathname.split('/').pop());
const $ = (id) => document.getElementById(id);
const ACTIVE = ['QUEUED', 'PREPARING', 'RUNNING', 'NEEDS_INPUT'];
const ENDED = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED'];
let task = null;
let diffFor = null; // the job id and state the diff panel shows
let diffFiles = 0;
let events = null;

let terminal = null; // made once the page shows: xterm measures its box when it opens

function agentTerminal() {
  if (!terminal) {
    terminal = new AgentTerminal($('terminal'), $('terminal-status'));
      }
  return terminal;
}

function setText(id, value) {
  $(id).replaceChildren(value instanceof Node ? value : document.createTextNode(value ?? '—'));
}

function render(data) {
  task = data;
  $('task-view').hidden = false;
  const job = data.job;
  const state = job?.state || data.state;
  document.title = `${data.title} · Delegate`;
  setText('title', data.title);
  setText('job-state', stateBadge(state));
  setText('pr', data.prUrl ? link(prHref(data.prUrl), `Pull request #${data.prNumber}`, { id: 'pr-link' }) : '');
  setText('repo', h('span', {}, `${data.owner}/${data.repo}`, data.baseBranch ? ' · base ' : '', data.baseBranch ? h('code', {}, data.baseBranch) : ''));
  setText('branch', data.branch ? h('code', {}, data.branch) : '—');
  setText('commit', job?.commit ? h('code', { title: job.commit }, job.commit.slice(0, 7)) : '—');
  setText('failure', job?.failure || data.failure || '—');
  showRow('usage', usageText(data.usage || job?.usage));
  showRow('budget', budgetText(data.budget || job?.budget));
  renderRequest(data);
  renderActions(job);
  const asking = job?.state === 'NEEDS_INPUT';
  $('question').hidden = !asking;
  if (asking) setText('question-text', job.question || '');
  renderApprovals(job);
  renderTimeline(job);
  renderTechnical(data, job);
}

/** A row of the facts list, hidden while it has nothing to say. */
function showRow(id, text) {
  $(`${id}-label`).hidden = !text;
  $(id).hidden = !text;
  setText(id, text || '');
}

const dollars = (n) => `$${String(n).includes('.') && String(n).split('.')[1].length >= 2 ? String(n) : n.toFixed(2)}`;
const credits = (n) => `${n} ${n === 1 ? 'credit' : 'credits'}`;

/** "12,345 in · 2,100 out · $0.0312 · 0.42 credits": the parts the agent reported. */
function usageText(usage) {
  if (!usage) return '';
  const parts = [];
  if (usage.inputTokens != null) parts.push(`${usage.inputTokens.toLocaleString('en-US')} in`);
  if (usage.outputTokens != null) parts.push(`${usage.outputTokens.toLocaleString('en-US')} out`);
  if (usage.costUsd != null) parts.push(dollars(usage.costUsd));
  if (usage.credits != null) parts.push(credits(usage.credits));
  return parts.join(' · ');
}

function budgetText(budget) {
  if (!budget) return '';
  const parts = [];
  if (budget.maxCostUsd != null) parts.push(`at most ${dollars(budget.maxCostUsd)}`);
  if (budget.maxCredits != null) parts.push(`at most ${credits(budget.maxCredits)}`);
  return parts.join(' · ');
}

function renderRequest(data) {
  setText('objective', data.objective || '—');
  $('constraints-block').hidden = !data.constraints;
  setText('constraints', data.constraints || '');
  const criteria = data.acceptanceCriteria || [];
  $('criteria-block').hidden = !criteria.length;
  const verdicts = data.verdicts || data.job?.verdicts || [];
  setText('criteria-summary', data.criteriaMet || '');
  $('criteria-summary').hidden = !data.criteriaMet;
  $('criteria').replaceChildren(...criteria.map((criterion, i) => {
    const text = typeof criterion === 'string' ? criterion : criterion?.text || '';
    const check = typeof criterion === 'string' ? null : criterion?.check;
    const verdict = verdicts[i];
    const state = { met: 'met', 'not met': 'unmet', unknown: 'unknown' }[verdict?.verdict] || 'open';
    const mark = { met: '☑', unmet: '☒', unknown: '?', open: '☐' }[state];
    const evidence = (verdict?.evidence || '').trim().split('\n').pop();
    return h('li', { class: `criterion ${state}`, 'data-verdict': state },
      h('span', { class: 'check', 'aria-hidden': 'true' }, mark), ' ', text,
      check ? h('code', { class: 'muted' }, ` ${check}`) : '',
      verdict ? h('span', { class: 'muted verdict' }, ` — ${verdict.verdict}`
        + (verdict.exitCode != null ? ` (exit ${verdict.exitCode})` : '')
        + (evidence ? `: ${evidence}` : '')) : '');
  }));
}

function renderTechnical(data, job) {
  const rows = [['Task', data.id], ['Job', job?.id], ['Attempts', job?.attempts], ['Node', job?.node],
    ['Worker', terminal?.worker], ['Transcript', job?.transcript], ['Created', data.createdAt]];
  $('technical-list').replaceChildren(...rows.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, h('code', {}, String(v)))]));
}

function renderTimeline(job) {
  const list = job?.events || [];
  $('timeline').replaceChildren(...list.filter((e) => !(e.note && e.message?.startsWith('approval: ')))
    .map((e) => h('li', { class: e.note ? 'note' : '', 'data-to': e.to },
      h('time', { datetime: e.at }, time(e.at)), e.note ? '' : stateBadge(e.to), ' ', sentence(e, { files: diffFiles }))));
  if (!list.length) $('timeline').replaceChildren(h('li', { class: 'muted' }, 'Nothing yet.'));
  $('raw-events-list').replaceChildren(...list.map((e) => h('li', {},
    h('time', { datetime: e.at }, e.at), ' ', e.from ? `${e.from} → ` : '', e.to, e.note ? ' (note)' : '', ': ',
    h('span', { class: 'raw-message' }, e.message || ''))));
}

function renderApprovals(job) {
  const approvals = (job?.approvals || []).map(parseApproval);
  $('approvals').replaceChildren(approvals.length
    ? h('ul', { class: 'approvals' }, approvals.map((a) => h('li', { class: a.verdict === 'deny' ? 'denied' : 'allowed' },
      h('span', { class: 'sentence' }, a.sentence),
      a.prompt ? h('details', {}, h('summary', {}, 'The agent\'s prompt'), h('pre', { class: 'prompt' }, a.prompt)) : '')))
    : h('span', { class: 'muted' }, job && ENDED.includes(job.state) ? 'None were asked.' : 'None yet.'));
}

function renderActions(job) {
  const state = job?.state;
  $('cancel-button').hidden = !ACTIVE.includes(state);
  $('retry-form').hidden = !ENDED.includes(state);
  const status = $('action-status');
  if (status.dataset.until && ENDED.includes(state)) {
    status.textContent = state === status.dataset.until ? status.dataset.then : `The job ended ${state} first.`;
    delete status.dataset.until;
  }
}

/** Calls a job action; says what happened, in words. */
async function act(button, url, body, done) {
  const status = $('action-status');
  button.disabled = true;
  status.classList.remove('error');
  delete status.dataset.until;
  status.textContent = 'Sending…';
  try {
    const response = await api(url, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(refusal(response.status, answer.error));
    const said = done(answer);
    status.textContent = said.now;
    if (said.until) Object.assign(status.dataset, { until: said.until, then: said.then });
    await load();
  } catch (e) {
    status.classList.add('error');
    status.textContent = e.message;
    load(); // the refusal may come from a change this page has not shown yet
  } finally {
    button.disabled = false;
  }
}

function refusal(status, error) {
  const said = error?.message ? ` (${error.message})` : '';
  switch (error?.code) {
    case 'job_ended': return `The job has already ended${said}.`;
    case 'job_committing': return `Too late to cancel: the agent's commit is being pushed${said}.`;
    case 'job_active': return `Not retried: the job, or another job of this pull request, is still running${said}.`;
    case 'job_not_found': return `The job no longer exists${said}.`;
    default: return `The server refused (${status})${said}.`;
  }
}

$('cancel-button').addEventListener('click', () => act($('cancel-button'),
  `/api/jobs/${encodeURIComponent(task.jobId)}/cancel`, {},
  (a) => (a.status === 'cancelled' ? { now: 'Cancelled.' }
    : { now: 'Cancelling: the agent is being stopped…', until: 'CANCELLED', then: 'Cancelled.' })));

$('retry-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const instructions = $('retry-instructions').value.trim();
  act($('retry-button'), `/api/jobs/${encodeURIComponent(task.jobId)}/retry`,
    instructions ? { instructions } : {},
    (a) => {
      if (myJobs().has(task.jobId) && a.jobId) watchJob(a.jobId);
      $('retry-instructions').value = '';
      return { now: 'Retrying: a new job for this pull request is queued.' };
    });
});

let loads = 0;

async function load() {
  const seq = ++loads;
  let data;
  try {
    data = await getJson(`/api/tasks/${encodeURIComponent(taskId)}`);
    if (seq !== loads) return; // a later read is under way: it draws the newer state
  } catch (e) {
    if (seq !== loads) return;
    if (e.status === 404) return notFound();
    $('load-error').textContent = `Could not load the task: ${e.message}`;
    return;
  }
  $('load-error').textContent = '';
  render(data);
  if (data.jobId) agentTerminal().follow(data.jobId, data.job);
  else agentTerminal().idle(data.state === 'FAILED' ? 'No agent ran: the task could not be delegated.' : 'Waiting for a job…');
  loadDiff(data);
}

function notFound() {
  $('task-view').remove();
  $('not-found').hidden = false;
  document.title = 'No such task · Delegate';
  terminal?.stop();
  events?.close();
}

async function loadDiff(data) {
  const job = data.job;
  const state = job?.state;
  const key = `${data.jobId}/${state}/${job?.commit}`;
  if (diffFor === key) return;
  diffFor = key;
  if (!job?.commit || !data.prNumber) {
    const ended = !job ? data.state === 'FAILED' : ENDED.includes(state);
    $('diff').replaceChildren(h('p', { class: 'muted' }, !ended ? "The diff appears when the agent's commit is pushed."
      : job ? 'No diff: the job ended without a commit.' : 'No diff: the task was not delegated.'));
    return;
  }
  const base = `/api/prs/${encodeURIComponent(data.owner)}/${encodeURIComponent(data.repo)}/${data.prNumber}`;
  const response = await api(`${base}/diff`);
  if (!response.ok) {
    $('diff').replaceChildren(response.status === 404
      ? h('p', { class: 'muted' }, 'See the pull request on its forge for the diff.', ' ', link(prHref(data.prUrl), 'Open it'))
      : h('p', { class: 'error' }, `The diff could not be read (${response.status}).`));
    return;
  }
  const text = await response.text();
  // TASK.md is the delegation's own file; the agent's commit is the rest
  diffFiles = parseDiff(text).filter((f) => f.newPath !== 'TASK.md').length;
  $('diff').replaceChildren(renderDiffView(text, { empty: 'No changes.' }));
  renderTimeline(task.job);
}

$('answer-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = $('answer-status');
  const text = $('answer').value;
  $('answer-button').disabled = true;
  status.textContent = 'Sending…';
  try {
    const response = await api(`/api/jobs/${encodeURIComponent(task.jobId)}/input`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.error?.code === 'not_waiting_for_input'
        ? 'the agent is not waiting for an answer any more' : body.error?.message || `${response.status}`);
    }
    status.textContent = 'Sent; the agent goes on.';
    $('answer').value = '';
  } catch (e) {
    status.textContent = `Not sent: ${e.message}`;
  } finally {
    $('answer-button').disabled = false;
  }
});

function follow() {
  events = new EventSource('/api/events');
  events.addEventListener('job', (e) => {
    const change = JSON.parse(e.data);
    if (!task) return;
    if (change.jobId === task.jobId) {
      setText('job-state', stateBadge(change.state));
      load();
    } else if (change.state === 'QUEUED' && ENDED.includes(task.job?.state)) {
      load(); // a new job: perhaps a retry of this task's, made elsewhere
    }
  });
  events.addEventListener('resync', () => load());
  // (re)connected: read the task again, so a change made before the stream was open is not missed
  events.addEventListener('hello', () => load());
  window.addEventListener('pagehide', () => { events.close(); terminal?.stop(); });
}

load().then(() => {
  if (!task) return;
  follow();
  startNotifications($('notify'), { jobId: () => task.jobId });
});
