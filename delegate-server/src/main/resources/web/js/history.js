// A job's events and approvals as sentences a person reads; the raw records stay available
// behind a disclosure on the page. Internal paths and node names never appear in a sentence.

const SHA = /\b([0-9a-f]{7,40})\b/;

function short(sha) {
  return sha ? sha.slice(0, 7) : '';
}

/** One approval record ("allow write fs_write \"a.js\" (default: trust); prompt: …"), parsed. */
export function parseApproval(text) {
  const at = text.indexOf('; prompt: ');
  const head = at >= 0 ? text.slice(0, at) : text;
  const prompt = at >= 0 ? text.slice(at + '; prompt: '.length) : '';
  const m = /^(allow|trust|deny) (\S+)(?: ([^\s"]\S*))?(?: "([\s\S]*)")? \(([\s\S]*)\)$/.exec(head);
  if (!m) return { verdict: text.startsWith('deny') ? 'deny' : 'allow', sentence: head, prompt };
  const [, verdict, kind, tool, target, reason] = m;
  const verb = { allow: 'Allowed', trust: 'Trusted', deny: 'Denied' }[verdict];
  const what = tool || kind;
  let sentence = `${verb} ${what}`;
  if (target) sentence += kind === 'shell' ? ` to run “${target}”` : ` on ${target}`;
  sentence += ` (${reasonText(reason)})`;
  return { verdict, sentence, prompt };
}

function reasonText(reason) {
  const policy = /^default: (\w+)/.exec(reason);
  if (policy) return `policy: ${policy[1]}`;
  return reason;
}

/**
 * One job event as a sentence. {@code context.files}: how many files the pull request's diff
 * touches, when known.
 */
export function sentence(event, context = {}) {
  const message = event.message || '';
  if (event.note) {
    if (message.startsWith('approval: ')) return parseApproval(message.slice('approval: '.length)).sentence;
    if (message.startsWith('answer received: ')) return `Answer received: “${message.slice(17)}”`;
    return capital(message);
  }
  switch (event.to) {
    case 'QUEUED': {
      if (!event.from) return 'Queued';
      const failed = /^attempt (\d+) failed: ([\s\S]*?); retrying at (\S+)$/.exec(message);
      if (failed) return `Attempt ${failed[1]} failed (${failed[2]}); trying again at ${clock(failed[3])}`;
      if (message.includes('worker pool is full')) return 'Waiting: every worker is busy';
      return 'Back in the queue';
    }
    case 'PREPARING': {
      const attempt = /\(attempt (\d+)\)/.exec(message);
      return attempt && attempt[1] !== '1' ? `Started on a worker (attempt ${attempt[1]})` : 'Started on a worker';
    }
    case 'RUNNING':
      if (event.from === 'NEEDS_INPUT') return 'The answer was typed into the agent';
      if (message.startsWith('an earlier attempt already pushed')) return capital(message);
      return 'The agent started working';
    case 'NEEDS_INPUT':
      return message.startsWith('the agent asks: ') ? `The agent asked: “${message.slice(16)}”` : 'The agent asked a question';
    case 'COMMITTING': {
      const sha = /committed ([0-9a-f]+)/.exec(message);
      const took = /finished in ([^;]+);/.exec(message);
      const files = context.files ? `${context.files} file${context.files === 1 ? '' : 's'} ` : '';
      const commit = sha ? `Committed ${files}as ${short(sha[1])}` : 'Committing';
      return took ? `The agent finished in ${took[1]}. ${commit}` : commit;
    }
    case 'SUCCEEDED': {
      const sha = SHA.exec(message);
      return sha ? `Pushed ${short(sha[1])} to the pull request` : 'Succeeded';
    }
    case 'FAILED':
      return message ? `Failed: ${message}` : 'Failed';
    case 'TIMED_OUT':
      return message ? `Timed out: ${message}` : 'Timed out';
    case 'CANCELLED':
      return message ? `Cancelled: ${message}` : 'Cancelled';
    default:
      return capital(message) || event.to;
  }
}

function capital(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

function clock(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}
