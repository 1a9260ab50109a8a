import { api, h, stateBadge, getJson, renderDiff } from './dom.js';

const [, , owner, repo, number] = location.pathname.split('/').map(decodeURIComponent);
const base = `/api/prs/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/${encodeURIComponent(number)}`;
const $ = (id) => document.getElementById(id);

async function load() {
  try {
    const pr = await getJson(base);
    document.title = `#${pr.number} ${pr.title} · Delegate`;
    $('title').textContent = `#${pr.number} ${pr.title}`;
    $('state').replaceChildren(stateBadge(pr.state));
    $('repo').textContent = `${pr.owner}/${pr.repo}`;
    $('branch').replaceChildren(h('code', {}, pr.head), ' → ', h('code', {}, pr.base));
    $('body').textContent = pr.body || '';
    if (pr.comments.length) {
      $('comments').replaceChildren(...pr.comments.map((c) => h('div', { class: 'comment' }, h('pre', { class: 'body' }, c))));
    }
  } catch (e) {
    $('load-error').textContent = `Could not load the pull request: ${e.message}`;
    return;
  }
  const response = await api(`${base}/diff`);
  $('diff').replaceChildren(response.ok ? renderDiff(await response.text())
    : h('p', { class: 'muted' }, 'No diff available.'));
}

load();
