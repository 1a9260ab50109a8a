// Small DOM helpers. Text always goes in as text nodes: no user text is ever parsed as HTML.

/** h('a', {href: url, class: 'x'}, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function stateBadge(state) {
  return h('span', { class: `state ${state || ''}`, 'data-state': state || '' }, state || '—');
}

/**
 * fetch, except that a 401 (a server started with a token, and this browser not signed in or its
 * session over) sends the page to the sign-in form, which brings it back here afterwards.
 */
export async function api(url, options = {}) {
  const response = await fetch(url, options);
  if (response.status === 401) {
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  }
  return response;
}

export async function getJson(url) {
  const response = await api(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = body.error?.message || `${response.status} ${response.statusText}`;
    throw Object.assign(new Error(message), { status: response.status, body });
  }
  return body;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '';
}

/**
 * A safe link: only http(s) URLs and site-relative paths (not protocol-relative ones) become
 * hrefs; anything else is shown as text. {@code attrs} go on the element either way.
 */
export function link(url, text, attrs = {}) {
  const safe = typeof url === 'string' && (/^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url));
  return safe ? h('a', { ...attrs, href: url }, text ?? url) : h('span', attrs, text ?? url ?? '');
}

/**
 * A local-forge PR URL (http://host:port/prs/o/r/n) as the same page on this server (the forge's
 * configured host and port may not be how this browser reaches it), else as is.
 */
export function prHref(url) {
  try {
    const parsed = new URL(url, location.href);
    if (parsed.pathname.startsWith('/prs/')) return location.origin + parsed.pathname;
  } catch (e) { /* not a URL */ }
  return url;
}

/** A "Sign out" button in the header when this server asks browsers to sign in. */
async function offerSignOut() {
  const nav = document.querySelector('header nav');
  if (!nav) return;
  const ui = await getJson('/api/ui').catch(() => ({}));
  if (!ui.signIn) return;
  nav.append(h('form', { method: 'post', action: '/logout', class: 'sign-out' },
    h('button', { type: 'submit', id: 'sign-out' }, 'Sign out')));
}

offerSignOut();
