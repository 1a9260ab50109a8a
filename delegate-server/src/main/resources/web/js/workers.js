import { h, stateBadge } from './dom.js';

// Every node's workers, a section per node (one on a single process): GET /api/nodes/workers/events
// sends them all at once whenever one changes; between events only the clocks move, here.
const $ = (id) => document.getElementById(id);
let last = null;
let receivedAt = 0;

function seconds(s) {
  if (s < 60) return `${Math.floor(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

// Why a worker's session was last restarted (docs/jobs.md, "Stuck jobs").
const RESTART_REASONS = {
  stalled: 'the agent printed nothing in a turn past --stall-timeout; killed and restarted',
  exited: 'the agent process exited',
  not_ready: 'the agent did not become ready in time',
  turn_failed: 'a turn left the session unusable',
};

function workerRow(w, passed) {
  return h('tr', { 'data-worker': w.id },
    h('td', {}, `#${w.id}`),
    h('td', {}, stateBadge(w.state)),
    h('td', {}, w.busy ? 'yes' : 'no'),
    h('td', {}, w.ready ? 'yes' : 'no'),
    h('td', { class: 'job' }, w.jobId ? h('code', {}, w.jobId) : h('span', { class: 'muted' }, '—')),
    h('td', {}, w.currentTask ?? h('span', { class: 'muted' }, '—')),
    h('td', {}, w.busy ? '—' : seconds(w.idle + passed)),
    h('td', {}, w.turns),
    h('td', { class: 'restarts' }, w.restarts,
      w.lastRestart ? h('span', { class: w.lastRestart === 'stalled' ? 'error' : 'muted',
        title: RESTART_REASONS[w.lastRestart] ?? w.lastRestart }, ` (last: ${w.lastRestart.replace('_', ' ')})`) : null));
}

function nodeSection(node, passed) {
  const pool = node.pool;
  const meta = [node.roles.join(', ')];
  if (node.address) meta.push(node.address);
  if (pool?.agent) meta.push(pool.agent);
  meta.push(node.status === 'stopped' ? `stopped; last heartbeat ${seconds(node.heartbeatAge + passed)} ago`
    : `heartbeat ${seconds(node.heartbeatAge + passed)} ago`);
  const workers = pool
    ? [h('table', { class: 'workers' },
        h('thead', {}, h('tr', {}, ['Worker', 'State', 'Busy', 'Ready', 'Job', 'Current task', 'Idle', 'Turns', 'Restarts']
          .map((title) => h('th', {}, title)))),
        h('tbody', {}, pool.workers.map((w) => workerRow(w, passed)))),
      h('p', {}, 'Queued turns: ', h('strong', { class: 'queued' }, pool.queued), ' · ',
        h('span', { class: 'muted' }, `up ${seconds(pool.uptime + passed)}`))]
    : [h('p', { class: 'muted' }, node.status === 'up' ? 'Asking the node for its workers…'
      : `Its workers are not known: the node is ${node.status}.`)];
  return h('section', { class: 'panel node', 'data-node': node.id, 'data-status': node.status },
    h('h2', {}, h('span', { class: 'node-id' }, node.id), ' ',
      h('span', { class: `node-status ${node.status}` }, node.status), node.self ? h('span', { class: 'muted' }, ' (this node)') : null),
    h('p', { class: 'muted node-meta' }, meta.join(' · ')),
    node.problem ? h('p', { class: 'error node-problem' }, node.problem) : null,
    ...workers);
}

// Jobs in one state past its limit (docs/operations.md, "Stuck jobs"): shown until they move on.
function stuckSection(stuck) {
  if (!stuck?.length) return null;
  return h('section', { class: 'panel stuck' },
    h('h2', {}, `Stuck jobs (${stuck.length})`),
    h('p', { class: 'muted' }, 'In one state longer than its limit; the node working on each may be stuck.'),
    h('table', { class: 'workers' },
      h('thead', {}, h('tr', {}, ['Job', 'State', 'Since', 'For', 'Limit'].map((title) => h('th', {}, title)))),
      h('tbody', {}, stuck.map((s) => h('tr', { 'data-stuck': s.jobId },
        h('td', { class: 'job' }, h('code', {}, s.jobId)),
        h('td', {}, stateBadge(s.state)),
        h('td', {}, new Date(s.since).toLocaleString()),
        h('td', {}, seconds((Date.now() - Date.parse(s.since)) / 1000)),
        h('td', {}, seconds(s.limitSeconds)))))));
}

function render() {
  if (!last) return;
  const passed = (Date.now() - receivedAt) / 1000;
  const stuck = stuckSection(last.stuck);
  $('workers').replaceChildren(...(stuck ? [stuck] : []), ...(last.nodes.length
    ? last.nodes.map((node) => nodeSection(node, passed))
    : [h('p', { class: 'muted' }, 'No node with a worker pool shares this store.')]));
}

const events = new EventSource('/api/nodes/workers/events');
events.addEventListener('nodes', (e) => {
  last = JSON.parse(e.data);
  receivedAt = Date.now();
  $('load-error').textContent = '';
  render();
});
events.onerror = () => { $('load-error').textContent = 'Connection lost; reconnecting…'; };
window.addEventListener('pagehide', () => events.close());
setInterval(render, 1000); // only re-renders the clocks locally; data comes from the stream
