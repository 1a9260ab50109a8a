import { api, h, stateBadge, getJson, link } from './dom.js';
import { renderDiffView } from './diff.js';

const [, , owner, repo, number] = location.pathname.split('/').map(decodeURIComponent);
const base = `/api/prs/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/${encodeURIComponent(number)}`;
const $ = (id) => document.getElementById(id);

/** The task whose job works on this pull request, for a link back to its page. */
async function taskLink(pr) {
  const body = await getJson('/api/tasks?limit=500').catch(() => ({ tasks: [] }));
  const task = (body.tasks || []).find((t) => t.owner === pr.owner && t.repo === pr.repo && t.prNumber === pr.number);
  return task ? link(`/tasks/${encodeURIComponent(task.id)}`, task.title, { id: 'task-link' }) : '—';
}

async function load() {
  let pr;
  try {
    pr = await getJson(base);
  } catch (e) {
    $('load-error').textContent = e.status === 404 ? 'No such pull request.' : `Could not load the pull request: ${e.message}`;
    return;
  }
  document.title = `#${pr.number} ${pr.title} · Delegate`;
  $('title').textContent = `#${pr.number} ${pr.title}`;
  $('state').replaceChildren(stateBadge(pr.state));
  $('repo').textContent = `${pr.owner}/${pr.repo}`;
  $('branch').replaceChildren(h('code', {}, pr.head), ' → ', h('code', {}, pr.base));
  $('body').textContent = pr.body || '';
  if (pr.comments.length) {
    $('comments').replaceChildren(...pr.comments.map((c) => h('div', { class: 'comment' }, h('pre', { class: 'body' }, c))));
  }
  taskLink(pr).then((a) => $('task').replaceChildren(a));
  $('rebase-row').hidden = pr.state !== 'open';
  $('rebase-button').textContent = `Rebase onto ${pr.base}`;
  const response = await api(`${base}/diff`);
  $('diff').replaceChildren(response.ok ? renderDiffView(await response.text(), { empty: 'No changes yet.' })
    : h('p', { class: 'muted' }, 'No diff available.'));
}

/** Asks for a rebase job: the branch onto its base, the agent resolving conflicts. */
async function rebase() {
  const button = $('rebase-button');
  const status = $('rebase-status');
  button.disabled = true;
  status.classList.remove('error');
  status.textContent = 'Sending…';
  try {
    const response = await api(`${base}/rebase`, { method: 'POST' });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error?.message || `${response.status} ${response.statusText}`);
    status.replaceChildren('Rebase job ', h('code', { id: 'rebase-job' }, answer.jobId), ' queued.');
  } catch (e) {
    status.classList.add('error');
    status.textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

$('rebase-button').addEventListener('click', rebase);

$('comment-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = $('comment-status');
  const body = { body: $('comment-body').value.trim() };
  const path = $('comment-path').value.trim();
  const line = $('comment-line').value.trim();
  if (path) body.path = path;
  if (line) body.line = Number(line);
  $('comment-button').disabled = true;
  status.classList.remove('error');
  status.textContent = 'Sending…';
  try {
    const response = await api(`${base}/comments`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error?.message || `The server refused (${response.status}).`);
    status.textContent = answer.followUp
      ? `Commented. A follow-up job starts once the pull request is quiet for ${answer.debounceSeconds} s.`
      : 'Commented.';
    $('comment-form').reset();
    await load();
  } catch (e) {
    status.classList.add('error');
    status.textContent = e.message;
  } finally {
    $('comment-button').disabled = false;
  }
});

load();
