import { api, h, stateBadge, getJson, link, prHref, time, renderDiff } from './dom.js';

const taskId = decodeURIComponent(location.pathname.split('/').pop());
const $ = (id) => document.getElementById(id);
let task = null;
let terminalStream = null;
let terminalEnded = false;
let terminalUnavailable = null;

const term = new Terminal({
  convertEol: false, cols: 120, rows: 24, scrollback: 5000, disableStdin: true,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13,
  theme: { background: '#111111' },
});
term.open($('terminal'));

function setText(id, value) {
  $(id).replaceChildren(value instanceof Node ? value : document.createTextNode(value ?? '—'));
}

function render(data) {
  task = data;
  document.title = `${data.title} · Delegate`;
  setText('title', data.title);
  const job = data.job;
  setText('job-state', stateBadge(job?.state || data.state));
  setText('repo', `${data.owner}/${data.repo}`);
  setText('branch', data.branch);
  setText('pr', data.prUrl ? h('a', { id: 'pr-link', href: prHref(data.prUrl) }, prHref(data.prUrl)) : '—');
  setText('commit', job?.commit ? h('code', {}, job.commit) : '—');
  setText('failure', job?.failure || data.failure || '—');
  const asking = job?.state === 'NEEDS_INPUT';
  $('question').hidden = !asking;
  if (asking) setText('question-text', job.question || '');
  const approvals = job?.approvals || [];
  $('approvals').replaceChildren(approvals.length
    ? h('ul', {}, approvals.map((a) => h('li', { class: a.startsWith('deny') ? 'denied' : '' }, a)))
    : h('span', { class: 'muted' }, job && !['QUEUED', 'PREPARING', 'RUNNING', 'NEEDS_INPUT'].includes(job.state) ? 'None were asked.' : 'None yet.'));
  $('timeline').replaceChildren(...(job?.events || []).map((e) => h('li', {},
    h('time', {}, time(e.at)), stateBadge(e.to), ' ', e.message || '')));
}

async function load() {
  try {
    render(await getJson(`/api/tasks/${encodeURIComponent(taskId)}`));
  } catch (e) {
    $('load-error').textContent = `Could not load the task: ${e.message}`;
    return;
  }
  if (task.jobId && !terminalStream) openTerminal();
  const state = task.job?.state;
  if (state === 'SUCCEEDED' || task.job?.commit) {
    loadPullRequest();
  }
}

function decode(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function openTerminal() {
  terminalEnded = false;
  terminalUnavailable = null;
  const status = $('terminal-status');
  terminalStream = new EventSource(`/api/jobs/${encodeURIComponent(task.jobId)}/terminal`);
  terminalStream.addEventListener('start', (e) => {
    const s = JSON.parse(e.data);
    status.textContent = `Live from worker ${s.workerId}${s.node ? ` on ${s.node}` : ''}.`;
  });
  terminalStream.addEventListener('output', (e) => term.write(decode(JSON.parse(e.data))));
  terminalStream.addEventListener('lost', (e) => {
    const l = JSON.parse(e.data);
    term.write(`\r\n\x1b[33m[${l.bytes ?? 'some'} bytes of output skipped]\x1b[0m\r\n`);
  });
  // the node that holds or ran the job (another one) is gone or cannot be reached
  terminalStream.addEventListener('unavailable', (e) => { terminalUnavailable = JSON.parse(e.data).message; });
  terminalStream.addEventListener('end', (e) => {
    const end = JSON.parse(e.data);
    terminalEnded = true;
    terminalStream.close();
    status.textContent = terminalUnavailable ? `The terminal cannot be shown: ${terminalUnavailable}.`
      : end.source === 'none'
      ? 'The agent printed nothing for this job (or its transcript is not on this machine).'
      : end.source === 'transcript' ? 'The turn is over; this is its transcript.' : 'The turn is over.';
  });
  terminalStream.onerror = () => {
    if (!terminalEnded) status.textContent = 'Connection lost; reconnecting…';
  };
}

async function loadPullRequest() {
  if (!task.prNumber) return;
  const base = `/api/prs/${encodeURIComponent(task.owner)}/${encodeURIComponent(task.repo)}/${task.prNumber}`;
  const response = await api(`${base}/diff`);
  if (response.ok) $('diff').replaceChildren(renderDiff(await response.text()));
  else if (response.status === 404) $('diff').textContent = 'See the pull request on its forge for the diff.';
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
    if (!response.ok) throw new Error(body.error?.message || `${response.status}`);
    status.textContent = 'Sent; the agent goes on.';
    $('answer').value = '';
  } catch (e) {
    status.textContent = `Not sent: ${e.message}`;
  } finally {
    $('answer-button').disabled = false;
  }
});

function follow() {
  const events = new EventSource('/api/events');
  events.addEventListener('job', (e) => {
    const change = JSON.parse(e.data);
    if (!task || change.jobId !== task.jobId) return;
    setText('job-state', stateBadge(change.state));
    if (change.state === 'RUNNING' && terminalEnded) {
      term.write('\r\n\x1b[36m--- next attempt ---\x1b[0m\r\n');
      openTerminal();
    }
    load();
  });
  window.addEventListener('pagehide', () => { events.close(); terminalStream?.close(); });
}

follow();
load();
