import { getJson, h } from './dom.js';

// The dashboard: GET /api/dashboard?hours=N drawn as headline figures and uPlot charts
// (vendor/uplot, loaded as a classic script before this module). Chart colours are read from
// app.css's variables, so the charts are drawn again when the theme changes; each chart follows
// its box's width.
const $ = (id) => document.getElementById(id);
const WINDOWS = [24, 168, 720];
const REFRESH_MS = 60_000;
const STEP_NAMES = { QUEUED: 'Queued', PREPARING: 'Preparing', RUNNING: 'Running', COMMITTING: 'Committing' };
const charts = [];
let hours = chosenHours();
let data = null;

function chosenHours() {
  const asked = Number(new URLSearchParams(location.search).get('hours'));
  return WINDOWS.includes(asked) ? asked : 24;
}

function colours() {
  const style = getComputedStyle(document.documentElement);
  const v = (name) => style.getPropertyValue(name).trim();
  return {
    text: v('--text'), muted: v('--muted'), line: v('--line'), accent: v('--accent'),
    ok: v('--ok'), bad: v('--bad'), warn: v('--warn'), ask: v('--ask'), bg: v('--bg'),
  };
}

/** A colour with some transparency (#rrggbb or #rgb from the variables; anything else as is). */
function faded(colour, alpha = '66') {
  if (/^#[0-9a-f]{6}$/i.test(colour)) return colour + alpha;
  if (/^#[0-9a-f]{3}$/i.test(colour)) return '#' + [...colour.slice(1)].map((c) => c + c).join('') + alpha;
  return colour;
}

/** 3.2 s, 45 s, 3 min 5 s, 2.5 h */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) {
    const rest = Math.round(s % 60);
    return rest ? `${Math.floor(s / 60)} min ${rest} s` : `${Math.floor(s / 60)} min`;
  }
  return `${(s / 3600).toFixed(1)} h`;
}

function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)} %`;
}

function figures(d) {
  const t = d.totals;
  $('fig-tasks').textContent = String(t.tasks);
  const ended = t.succeeded + t.failed + t.timedOut + t.cancelled;
  $('fig-tasks-note').textContent = `${ended} ended`;
  $('fig-success').textContent = percent(t.successRate);
  $('fig-success-note').textContent =
    `${t.succeeded} succeeded · ${t.failed + t.timedOut} failed` + (t.cancelled ? ` · ${t.cancelled} cancelled` : '');
  $('fig-median').textContent = duration(t.medianTimeToPrMs);
  $('fig-approvals').textContent = `${t.allowed} / ${t.denied}`;
}

function axes(c, yValues) {
  const common = { stroke: c.muted, grid: { stroke: c.line, width: 1 }, ticks: { stroke: c.line, width: 1 } };
  return [{ ...common }, { ...common, size: 52, values: yValues }];
}

function base(c, box, series, extra = {}) {
  return {
    width: box.clientWidth || 300,
    height: window.matchMedia('(max-width: 760px)').matches ? 180 : 200,
    cursor: { drag: { x: false, y: false } },
    axes: axes(c, extra.yValues),
    scales: extra.scales ?? { x: { time: true } },
    series: [{}, ...series],
    ...(extra.opts ?? {}),
  };
}

const whole = (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? Math.abs(t) : ''));
const upFromZero = { range: (u, min, max) => [0, Math.max(1, max)] };
const aroundZero = { range: (u, min, max) => [Math.min(-1, min), Math.max(1, max)] };

function bars(size = 0.7) {
  return window.uPlot.paths.bars({ size: [size, 40] });
}

/** x of a bucket's middle, in seconds (uPlot's time unit). */
function middles(d) {
  return d.buckets.map((b) => Date.parse(b.start) / 1000 + 1800);
}

/** The whole window on the x axis: from its first hour's start to its last hour's end. */
function hoursScale(d) {
  const from = Date.parse(d.from) / 1000;
  return { x: { time: true, range: () => [from, from + d.buckets.length * 3600] } };
}

/** A bar series' values: an hour with none draws no bar (not even a flat one). */
function barValues(values) {
  return values.map((v) => (v === 0 ? null : v));
}

const count = (u, v, s, i) => (i === null || i === undefined ? '--' : Math.abs(v ?? 0));

function tasksChart(d, c, box) {
  const opts = base(c, box, [
    { label: 'Tasks', stroke: c.accent, fill: faded(c.accent, 'aa'), paths: bars(), points: { show: false }, fillTo: 0, value: count },
  ], { yValues: whole, scales: { ...hoursScale(d), y: upFromZero } });
  return [opts, [middles(d), barValues(d.buckets.map((b) => b.tasks))]];
}

function endedChart(d, c, box) {
  const opts = base(c, box, [
    { label: 'Succeeded', stroke: c.ok, fill: faded(c.ok, 'aa'), paths: bars(), points: { show: false }, fillTo: 0, value: count },
    { label: 'Failed or timed out', stroke: c.bad, fill: faded(c.bad, 'aa'), paths: bars(), points: { show: false }, fillTo: 0, value: count },
  ], { yValues: whole, scales: { ...hoursScale(d), y: aroundZero } });
  return [opts, [middles(d), barValues(d.buckets.map((b) => b.succeeded)),
    barValues(d.buckets.map((b) => -(b.failed + b.timedOut)))]];
}

function stepsChart(d, c, box) {
  const names = d.steps.map((s) => STEP_NAMES[s.step] ?? s.step);
  const seconds = (key) => d.steps.map((s) => (s[key] === null ? null : s[key] / 1000));
  const time = (u, v) => (v === null || v === undefined ? '—' : duration(v * 1000));
  const opts = base(c, box, [
    { label: 'p95', stroke: c.warn, fill: faded(c.warn, '77'), paths: bars(0.7), points: { show: false }, fillTo: 0, value: time },
    { label: 'p50', stroke: c.accent, fill: faded(c.accent, 'cc'), paths: bars(0.35), points: { show: false }, fillTo: 0, value: time },
  ], {
    yValues: (u, ticks) => ticks.map((t) => duration(t * 1000)),
    scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
  });
  opts.axes[0].splits = () => names.map((n, i) => i);
  opts.axes[0].values = (u, ticks) => ticks.map((t) => names[t] ?? '');
  opts.axes[0].grid = { show: false };
  opts.series[0] = { label: 'Step', value: (u, v) => (v === null || v === undefined ? '—' : names[v] ?? '') };
  return [opts, [names.map((n, i) => i), seconds('p95Ms'), seconds('p50Ms')]];
}

function loadChart(d, c, box) {
  const ends = d.buckets.map((b, i) =>
    Math.min(Date.parse(b.start) + 3_600_000, i === d.buckets.length - 1 ? Date.parse(d.to) : Infinity) / 1000);
  const stepped = () => window.uPlot.paths.stepped({ align: -1 });
  const line = (label, stroke, dash) =>
    ({ label, stroke, width: dash ? 1 : 2, dash: dash ? [4, 4] : undefined, paths: stepped(), points: { show: false } });
  const opts = base(c, box, [
    line('Queued', c.accent, false),
    line('Busy workers', c.warn, false),
    line('Peak queued', c.accent, true),
    line('Peak busy', c.warn, true),
  ], { yValues: whole, scales: { ...hoursScale(d), y: upFromZero } });
  return [opts, [ends, ...['queued', 'busy', 'queuedMax', 'busyMax'].map((k) => d.buckets.map((b) => b[k]))]];
}

function approvalsChart(d, c, box) {
  const opts = base(c, box, [
    { label: 'Allowed', stroke: c.ok, fill: faded(c.ok, 'aa'), paths: bars(), points: { show: false }, fillTo: 0, value: count },
    { label: 'Denied', stroke: c.bad, fill: faded(c.bad, 'aa'), paths: bars(), points: { show: false }, fillTo: 0, value: count },
  ], { yValues: whole, scales: { ...hoursScale(d), y: aroundZero } });
  return [opts, [middles(d), barValues(d.buckets.map((b) => b.allowed)), barValues(d.buckets.map((b) => -b.denied))]];
}

function approvalKinds(d) {
  const box = $('approval-kinds');
  box.replaceChildren();
  if (!d.approvalsByKind.length) {
    box.append(h('p', { class: 'muted' }, 'No approval prompts in this window.'));
    return;
  }
  box.append(h('table', { class: 'stack' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Kind'), h('th', {}, 'Allowed'), h('th', {}, 'Denied'))),
    h('tbody', {}, d.approvalsByKind.map((k) => h('tr', { 'data-kind': k.kind },
      h('td', { 'data-label': 'Kind' }, k.kind),
      h('td', { 'data-label': 'Allowed' }, k.allowed),
      h('td', { 'data-label': 'Denied' }, k.denied))))));
}

const CHARTS = [
  ['chart-tasks', tasksChart],
  ['chart-ended', endedChart],
  ['chart-steps', stepsChart],
  ['chart-load', loadChart],
  ['chart-approvals', approvalsChart],
];

const resizer = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const chart = charts.find((ch) => ch.box === entry.target);
    const width = Math.floor(entry.contentRect.width);
    if (chart && width > 0 && width !== chart.plot.width) {
      chart.plot.setSize({ width, height: chart.plot.height });
    }
  }
});

function draw() {
  for (const chart of charts) {
    resizer.unobserve(chart.box);
    chart.plot.destroy();
  }
  charts.length = 0;
  if (!data || data.empty) return;
  const c = colours();
  for (const [id, make] of CHARTS) {
    const box = $(id);
    box.replaceChildren();
    const [opts, series] = make(data, c, box);
    charts.push({ box, plot: new window.uPlot(opts, series, box) });
    resizer.observe(box);
  }
  $('dash-charts').dataset.drawn = `${document.documentElement.dataset.theme} ${data.hours}`;
}

function range(d) {
  const from = new Date(d.from);
  const to = new Date(d.to);
  const opts = { dateStyle: 'medium', timeStyle: 'short' };
  return `${from.toLocaleString(undefined, opts)} – ${to.toLocaleString(undefined, opts)}, per hour`;
}

async function load() {
  try {
    const d = await getJson(`/api/dashboard?hours=${hours}`);
    data = d;
    $('load-error').textContent = '';
    $('dash-range').textContent = range(d);
    figures(d);
    approvalKinds(d);
    $('dash-empty').hidden = !d.empty;
    $('dash-charts').hidden = d.empty;
    draw();
  } catch (e) {
    $('load-error').textContent = `Could not load the dashboard: ${e.message}`;
  }
}

for (const button of document.querySelectorAll('.dash-window button')) {
  button.setAttribute('aria-pressed', String(Number(button.dataset.hours) === hours));
  button.addEventListener('click', () => {
    hours = Number(button.dataset.hours);
    for (const b of document.querySelectorAll('.dash-window button')) {
      b.setAttribute('aria-pressed', String(b === button));
    }
    history.replaceState(null, '', hours === 24 ? location.pathname : `?hours=${hours}`);
    load();
  });
}
document.addEventListener('delegate:theme', draw); // the toggle, or the system's scheme (js/theme.js)
setInterval(load, REFRESH_MS);
load();
