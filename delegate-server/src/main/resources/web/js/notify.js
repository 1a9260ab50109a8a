// Browser notifications when one of "my" jobs needs input or ends. Never asks on load: a
// "Notify me" button asks for the permission. My jobs: the ids in localStorage
// `delegate.myJobs` (the home page adds the jobs it submits) and those whose task page had
// "Notify me" pressed (`delegate.watchedJobs`). A click on a notification opens the task page.
import { h, getJson } from './dom.js';

const MY_JOBS = 'delegate.myJobs';
const WATCHED = 'delegate.watchedJobs';
const ON = 'delegate.notify';
const ENDED = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED'];
const SAYS = {
  NEEDS_INPUT: 'needs your answer', SUCCEEDED: 'succeeded', FAILED: 'failed',
  TIMED_OUT: 'timed out', CANCELLED: 'was cancelled',
};

function readIds(key) {
  try {
    const ids = JSON.parse(localStorage.getItem(key) || '[]');
    return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : [];
  } catch (e) {
    return [];
  }
}

/** The ids of the jobs this browser notifies about. */
export function myJobs() {
  return new Set([...readIds(MY_JOBS), ...readIds(WATCHED)]);
}

/** Adds a job to the ones this browser notifies about. */
export function watchJob(jobId) {
  const ids = readIds(WATCHED).filter((id) => id !== jobId);
  ids.push(jobId);
  localStorage.setItem(WATCHED, JSON.stringify(ids.slice(-200)));
}

const supported = () => typeof window.Notification === 'function';
const enabled = () => supported() && Notification.permission === 'granted' && localStorage.getItem(ON) === 'on';

let listening = null;

/** Where a job's task page is: the task that follows the job. */
async function taskPage(jobId) {
  const body = await getJson('/api/tasks?limit=500').catch(() => ({ tasks: [] }));
  const task = (body.tasks || []).find((t) => t.jobId === jobId);
  return task ? { url: `/tasks/${encodeURIComponent(task.id)}`, title: task.title } : { url: '/', title: 'A job' };
}

async function notify(change) {
  const page = await taskPage(change.jobId);
  const note = new Notification(`${page.title} ${SAYS[change.state]}`, {
    body: change.state === 'NEEDS_INPUT' ? 'The agent asks a question; open the task to answer.' : `The job is ${change.state}.`,
    tag: `delegate-${change.jobId}-${change.state}`,
  });
  note.addEventListener('click', () => {
    window.focus();
    location.assign(page.url);
    note.close();
  });
}

function listen() {
  if (listening) return;
  listening = new EventSource('/api/events');
  const seen = new Set();
  listening.addEventListener('job', (e) => {
    const change = JSON.parse(e.data);
    if (!enabled() || !(change.state in SAYS) || !myJobs().has(change.jobId)) return;
    const key = `${change.jobId}/${change.state}/${change.at || ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    notify(change);
  });
  window.addEventListener('pagehide', () => listening?.close());
}

/**
 * A "Notify me" button in the container, and notifications for my jobs once the person opted
 * in. With `options.jobId` (a task page; an id or a function that gives it), pressing it also
 * adds that job to my jobs.
 *
 * @returns the button, or null when this browser has no notifications
 */
export function startNotifications(container, options = {}) {
  if (!supported() || !container) return null;
  const jobIdOf = () => (typeof options.jobId === 'function' ? options.jobId() : options.jobId);
  const button = h('button', { type: 'button', class: 'notify-button', id: 'notify-button' });
  const status = h('span', { class: 'muted notify-status', role: 'status' });
  const mine = () => !jobIdOf() || myJobs().has(jobIdOf());
  const label = () => {
    const on = enabled() && mine();
    button.textContent = on ? '✓ Notifying you' : 'Notify me';
    button.setAttribute('aria-pressed', String(on));
    button.title = on ? 'You get a notification when the job needs input or ends; click to stop'
      : 'Get a browser notification when the job needs input or ends';
  };
  button.addEventListener('click', async () => {
    const jobId = jobIdOf();
    if (enabled() && mine()) {
      if (jobId) localStorage.setItem(WATCHED, JSON.stringify(readIds(WATCHED).filter((id) => id !== jobId)));
      else localStorage.setItem(ON, 'off');
      label();
      return;
    }
    button.disabled = true;
    try {
      const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
      if (permission !== 'granted') {
        status.textContent = permission === 'denied'
          ? 'This browser blocks notifications from this site; allow them in its site settings.'
          : 'Notifications were not allowed.';
        return;
      }
      localStorage.setItem(ON, 'on');
      if (jobId) watchJob(jobId);
      status.textContent = '';
      listen();
    } finally {
      button.disabled = false;
      label();
    }
  });
  label();
  container.append(button, ' ', status);
  if (enabled()) listen();
  return button;
}
