import { h, stateBadge } from './dom.js';

const $ = (id) => document.getElementById(id);
let last = null;
let receivedAt = 0;

function seconds(s) {
  if (s < 60) return `${Math.floor(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

function render() {
  if (!last) return;
  const passed = (Date.now() - receivedAt) / 1000;
  $('workers').tBodies[0].replaceChildren(...last.workers.map((w) => h('tr', { 'data-worker': w.id },
    h('td', {}, `#${w.id}`),
    h('td', {}, stateBadge(w.state)),
    h('td', {}, w.busy ? 'yes' : 'no'),
    h('td', {}, w.ready ? 'yes' : 'no'),
    h('td', {}, w.currentTask ?? h('span', { class: 'muted' }, '—')),
    h('td', {}, w.busy ? '—' : seconds(w.idle + passed)),
    h('td', {}, w.turns),
    h('td', {}, w.restarts))));
  $('queued').textContent = last.queued;
  $('uptime').textContent = `up ${seconds(last.uptime + passed)}`;
}

const events = new EventSource('/api/workers/events');
events.addEventListener('workers', (e) => {
  last = JSON.parse(e.data);
  receivedAt = Date.now();
  $('load-error').textContent = '';
  render();
});
events.onerror = () => { $('load-error').textContent = 'Connection lost; reconnecting…'; };
window.addEventListener('pagehide', () => events.close());
setInterval(render, 1000); // only re-renders the idle clocks locally; data comes from the stream
