// A git diff as a file list with per-file counts, each file collapsible, old and new line
// numbers, unified or split (remembered in this browser). Files past the first few thousand
// lines start collapsed and are drawn only when opened, so a large diff stays fast.
import { h } from './dom.js';

const MODE_KEY = 'delegate.diffMode';
/** Lines drawn at once; files after this many lines start collapsed. */
export const EAGER_LINES = 3000;

/** Parses `git diff` output into files: paths, status, binary, hunks of lines, counts. */
export function parseDiff(text) {
  const files = [];
  let file = null;
  let hunk = null;
  let oldLine = 0;
  let newLine = 0;
  const lines = (text || '').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.startsWith('diff --git ')) {
      const m = /^diff --git a\/(.*) b\/(.*)$/.exec(line);
      file = { oldPath: m ? m[1] : line, newPath: m ? m[2] : line, status: 'modified', binary: false,
        hunks: [], added: 0, removed: 0, lines: 0 };
      files.push(file);
      hunk = null;
      continue;
    }
    if (!file) continue;
    if (!hunk) {
      if (line.startsWith('new file mode')) file.status = 'added';
      else if (line.startsWith('deleted file mode')) file.status = 'deleted';
      else if (line.startsWith('rename from ')) { file.oldPath = line.slice(12); file.status = 'renamed'; }
      else if (line.startsWith('rename to ')) { file.newPath = line.slice(10); file.status = 'renamed'; }
      else if (line.startsWith('similarity index ')) file.similarity = line.slice(17);
      else if (line.startsWith('Binary files ') || line === 'GIT binary patch') file.binary = true;
      else if (line.startsWith('--- ') && line !== '--- /dev/null') file.oldPath = strip(line.slice(4));
      else if (line.startsWith('+++ ') && line !== '+++ /dev/null') file.newPath = strip(line.slice(4));
    }
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/.exec(line);
    if (header) {
      hunk = { header: line, lines: [] };
      file.hunks.push(hunk);
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      file.lines++;
      continue;
    }
    if (!hunk) continue;
    const sign = line[0];
    if (sign === '+') {
      hunk.lines.push({ type: 'add', text: line, newNo: newLine++ });
      file.added++;
    } else if (sign === '-') {
      hunk.lines.push({ type: 'del', text: line, oldNo: oldLine++ });
      file.removed++;
    } else if (sign === '\\') {
      hunk.lines.push({ type: 'meta', text: line });
    } else {
      hunk.lines.push({ type: 'ctx', text: line || ' ', oldNo: oldLine++, newNo: newLine++ });
    }
    file.lines++;
  }
  return files;
}

function strip(path) {
  return path.replace(/^[ab]\//, '');
}

export function diffMode() {
  try { return localStorage.getItem(MODE_KEY) === 'split' ? 'split' : 'unified'; } catch (e) { return 'unified'; }
}

function setDiffMode(mode) {
  try { localStorage.setItem(MODE_KEY, mode); } catch (e) { /* private mode */ }
}

function fileName(file) {
  if (file.status === 'renamed' && file.oldPath !== file.newPath) return `${file.oldPath} → ${file.newPath}`;
  return file.status === 'deleted' ? file.oldPath : file.newPath;
}

function counts(added, removed) {
  return h('span', { class: 'diff-counts' },
    h('span', { class: 'diff-added' }, `+${added}`), ' ', h('span', { class: 'diff-removed' }, `−${removed}`));
}

const cell = (cls, text) => h('td', { class: cls }, text ?? '');

function unifiedRows(file) {
  const rows = [];
  for (const hunk of file.hunks) {
    rows.push(h('tr', { class: 'hunk' }, h('td', { class: 'hunk', colspan: 3 }, hunk.header)));
    for (const l of hunk.lines) {
      rows.push(h('tr', { class: l.type },
        cell('num', l.oldNo), cell('num', l.newNo), cell('code', l.text)));
    }
  }
  return rows;
}

function splitRows(file) {
  const rows = [];
  for (const hunk of file.hunks) {
    rows.push(h('tr', { class: 'hunk' }, h('td', { class: 'hunk', colspan: 4 }, hunk.header)));
    const lines = hunk.lines;
    for (let i = 0; i < lines.length;) {
      if (lines[i].type === 'del' || lines[i].type === 'add') {
        const dels = [];
        const adds = [];
        while (i < lines.length && lines[i].type === 'del') dels.push(lines[i++]);
        while (i < lines.length && lines[i].type === 'add') adds.push(lines[i++]);
        for (let k = 0; k < Math.max(dels.length, adds.length); k++) {
          const d = dels[k];
          const a = adds[k];
          rows.push(h('tr', { class: 'pair' },
            cell(`num ${d ? 'del' : 'empty'}`, d?.oldNo), cell(`code ${d ? 'del' : 'empty'}`, d?.text),
            cell(`num ${a ? 'add' : 'empty'}`, a?.newNo), cell(`code ${a ? 'add' : 'empty'}`, a?.text)));
        }
        continue;
      }
      const l = lines[i++];
      rows.push(h('tr', { class: l.type },
        cell('num', l.oldNo), cell('code', l.text), cell('num', l.newNo), cell('code', l.text)));
    }
  }
  return rows;
}

function fileBody(file, mode) {
  if (file.binary) return h('p', { class: 'diff-note muted' }, 'Binary file: its contents are not shown.');
  if (!file.hunks.length) {
    return h('p', { class: 'diff-note muted' },
      file.status === 'renamed' ? 'Renamed without changes.' : 'No changed lines (a mode change or an empty file).');
  }
  return h('div', { class: 'diff-scroll' },
    h('table', { class: `diff-table ${mode}` }, h('tbody', {}, mode === 'split' ? splitRows(file) : unifiedRows(file))));
}

/**
 * The diff view for `git diff` text. Returns an element; an empty diff says so.
 *
 * @param {string} text the diff
 * @param {{empty?: string}} options what to say for an empty diff
 */
export function renderDiffView(text, options = {}) {
  const files = parseDiff(text);
  if (!files.length) return h('p', { class: 'muted diff-empty' }, options.empty || 'No changes.');
  let mode = diffMode();
  const added = files.reduce((n, f) => n + f.added, 0);
  const removed = files.reduce((n, f) => n + f.removed, 0);
  const sections = [];
  let drawn = 0;
  const toggles = ['unified', 'split'].map((m) => h('button', {
    type: 'button', class: 'diff-mode', 'data-mode': m, 'aria-pressed': String(m === mode),
    onclick: () => {
      mode = m;
      setDiffMode(m);
      toggles.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mode === mode)));
      sections.forEach((s) => s.redraw());
    },
  }, m === 'unified' ? 'Unified' : 'Split'));

  const list = h('ul', { class: 'diff-files' });
  files.forEach((file, index) => {
    const id = `diff-file-${index}`;
    const body = h('div', { class: 'diff-body' });
    const open = drawn + file.lines <= EAGER_LINES;
    if (open) drawn += file.lines;
    const button = h('button', { type: 'button', class: 'diff-toggle', 'aria-expanded': String(open), 'aria-controls': `${id}-body` },
      open ? '▾' : '▸');
    body.id = `${id}-body`;
    const section = h('section', { class: `diff-file ${file.status}`, id, 'data-path': file.newPath },
      h('div', { class: 'diff-file-head' }, button,
        h('span', { class: 'diff-path' }, fileName(file)),
        file.status !== 'modified' ? h('span', { class: `diff-status ${file.status}` }, file.status) : null,
        file.binary ? h('span', { class: 'diff-status binary' }, 'binary') : null,
        counts(file.added, file.removed)),
      body);
    let drawnMode = null;
    section.redraw = () => {
      if (button.getAttribute('aria-expanded') !== 'true') return;
      if (drawnMode === mode) return;
      drawnMode = mode;
      body.replaceChildren(fileBody(file, mode));
    };
    const setOpen = (yes) => {
      button.setAttribute('aria-expanded', String(yes));
      button.textContent = yes ? '▾' : '▸';
      body.hidden = !yes;
      section.classList.toggle('collapsed', !yes);
      if (yes) section.redraw();
    };
    button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
    if (!open) body.append(h('p', { class: 'diff-note muted' }, `${file.lines} lines; drawn when opened.`));
    setOpen(open);
    if (!open) body.hidden = true;
    sections.push(section);
    list.append(h('li', {},
      h('a', { href: `#${id}`, onclick: () => setOpen(true) }, fileName(file)), ' ', counts(file.added, file.removed)));
  });

  return h('div', { class: 'diff-view' },
    h('div', { class: 'diff-toolbar' },
      h('span', { class: 'diff-total' }, `${files.length} file${files.length === 1 ? '' : 's'} changed `, counts(added, removed)),
      h('span', { class: 'diff-modes', role: 'group', 'aria-label': 'Diff layout' }, toggles)),
    list,
    sections);
}
