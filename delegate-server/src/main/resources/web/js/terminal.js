// The agent's terminal on the task page: follows GET /api/jobs/{id}/terminal. Each connection
// replays the turn from its start (or the job's whole transcript), so a reconnect redraws the
// terminal from what this page keeps instead of appending the replay again: no line shows twice.
// Attempts are separated by a coloured line.
import { h } from './dom.js';

function decode(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytes(chunks) {
  const parts = chunks.map((c) => (typeof c === 'string' ? new TextEncoder().encode(c) : c));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return all;
}

function clock(date) {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export class AgentTerminal {
  constructor(element, status) {
    const background = () => getComputedStyle(document.documentElement).getPropertyValue('--terminal-bg').trim() || '#111111';
    this.term = new Terminal({
      convertEol: false, cols: 120, rows: 24, scrollback: 5000, disableStdin: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13, theme: { background: background() },
    });
    this.term.open(element);
    // the toggle or the system's scheme changed (js/theme.js): the terminal follows the page
    document.addEventListener('delegate:theme', () => { this.term.options.theme = { background: background() }; });
    this.status = status;
    this.segments = []; // { jobId, label, chunks, open }: one per turn shown, in order
    this.source = null;
    this.jobId = null;
    this.job = null;
    this.attempt = 0;
    this.ended = false;
    this.fresh = false;
    this.worker = null;
    this.onStart = () => {};
  }

  /** Follows the job's terminal; called on every change of the task. */
  follow(jobId, job) {
    if (jobId !== this.jobId) {
      this.open(jobId, job);
    } else if (this.ended && job && ['PREPARING', 'RUNNING'].includes(job.state) && job.attempts > this.attempt) {
      this.open(jobId, job); // the turn ended and the processor tries again
    }
    this.job = job;
  }

  idle(text) {
    this.say(text);
  }

  stop() {
    this.source?.close();
    this.source = null;
  }

  say(text, detail) {
    this.status.replaceChildren(text, detail
      ? h('details', { class: 'inline' }, h('summary', {}, 'Why'), h('span', {}, detail)) : '');
  }

  open(jobId, job) {
    this.stop();
    this.jobId = jobId;
    this.job = job;
    this.attempt = job?.attempts ?? 0;
    this.ended = false;
    let unavailable = null;
    const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/terminal`);
    this.source = source;
    const mine = (f) => (e) => { if (source === this.source) f(e); };
    if (!this.segments.length) this.say(job?.state === 'QUEUED' ? 'Waiting for a worker…' : 'Waiting for the agent…');
    source.addEventListener('open', mine(() => { this.fresh = true; }));
    source.addEventListener('start', mine((e) => {
      const s = JSON.parse(e.data);
      this.worker = `${s.workerId}${s.node ? ` on ${s.node}` : ''}`;
      this.begin(true, s.ended === true);
      this.say('Live: the agent\'s terminal as it works.');
      this.onStart();
    }));
    source.addEventListener('output', mine((e) => {
      if (this.fresh) this.begin(false);
      this.write(decode(JSON.parse(e.data)));
    }));
    source.addEventListener('lost', mine((e) => {
      if (this.fresh) this.begin(false);
      const l = JSON.parse(e.data);
      this.write(`\r\n\x1b[33m[${l.bytes ?? 'some'} bytes of output skipped]\x1b[0m\r\n`);
    }));
    // the node that holds or ran the job (another one) is gone or cannot be reached
    source.addEventListener('unavailable', mine((e) => { unavailable = JSON.parse(e.data).message; }));
    source.addEventListener('end', mine((e) => {
      const end = JSON.parse(e.data);
      source.close();
      this.ended = true;
      const last = this.segments.at(-1);
      if (last && last.jobId === jobId) last.open = false;
      if (this.repeatsEarlierTurn()) {
        // a new attempt was seen before its turn began: the stream replayed the earlier turn
        this.segments.pop();
        this.redraw();
        this.attempt = 0;
        setTimeout(() => {
          if (this.source === source && ['PREPARING', 'RUNNING'].includes(this.job?.state)) this.open(jobId, this.job);
        }, 1000);
        return;
      }
      if (unavailable) this.say('The terminal cannot be shown: the node that has it cannot be reached.', unavailable);
      else if (end.source === 'none' && !this.segments.length) this.say('The agent printed nothing for this job (or its transcript is not on this machine).');
      else this.say(end.source === 'transcript' ? 'The turn is over; this is its transcript.' : 'The turn is over.');
    }));
    source.addEventListener('error', mine(() => {
      if (!this.ended && source.readyState !== EventSource.CLOSED) this.say('Connection lost; reconnecting…');
    }));
  }

  /**
   * The first thing a connection sends: a turn's start (its buffer follows) or the transcript's
   * first bytes (the job's whole output follows). Drops what this job's replay repeats, then
   * redraws the terminal.
   */
  begin(live, over = false) {
    this.fresh = false;
    this.replayedOver = over;
    const last = this.segments.at(-1);
    if (live && last && last.jobId === this.jobId && last.open) {
      last.chunks = []; // a reconnect within the same turn: its buffer comes again from the start
    } else {
      if (!live) this.segments = this.segments.filter((s) => s.jobId !== this.jobId);
      const previous = this.segments.at(-1);
      const number = previous ? previous.number + 1 : live ? Math.max(1, this.job?.attempts ?? 1) : 1;
      this.segments.push({ jobId: this.jobId, number, label: this.label(number, live), chunks: [], open: live });
    }
    this.redraw();
  }

  redraw() {
    this.term.reset();
    for (const segment of this.segments) {
      if (segment.label) this.term.write(segment.label);
      for (const chunk of segment.chunks) this.term.write(chunk);
    }
  }

  /**
   * Whether this connection replayed a turn that was over before it began and that is byte for
   * byte the turn shown before it: the earlier attempt's, not a new one.
   */
  repeatsEarlierTurn() {
    if (!this.replayedOver) return false;
    const [before, last] = this.segments.slice(-2);
    if (!before || !last || before.jobId !== this.jobId || last.jobId !== this.jobId || !last.chunks.length) return false;
    const a = bytes(before.chunks);
    const b = bytes(last.chunks);
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  /** The coloured line that separates attempts; none before a first attempt. */
  label(number, live) {
    if (number < 2) return null;
    const started = (this.job?.events || []).filter((e) => e.to === 'PREPARING').at(-1);
    const at = live && started ? new Date(started.at) : new Date();
    return `\r\n\x1b[1;36m── attempt ${number} started ${clock(at)} ──\x1b[0m\r\n`;
  }

  write(data) {
    this.segments.at(-1)?.chunks.push(data);
    this.term.write(data);
  }
}
