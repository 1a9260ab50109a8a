// Light or dark: the system's choice (prefers-color-scheme) until the person picks one with the
// header's toggle, which is remembered in this browser; either way it is data-theme on <html>,
// which app.css reads. A classic script in <head>, so the theme is set before the first paint.
(() => {
  const KEY = 'delegate.theme';
  const root = document.documentElement;
  const stored = () => { try { return localStorage.getItem(KEY); } catch (e) { return null; } };
  const system = () => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const chosen = () => { const c = stored(); return c === 'dark' || c === 'light' ? c : null; };
  const current = () => root.dataset.theme || system();
  root.dataset.theme = chosen() || system();
  // no choice made: follow the system when its scheme changes
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (chosen()) return;
    root.dataset.theme = system();
    const button = document.getElementById('theme-toggle');
    if (button) label(button);
    document.dispatchEvent(new CustomEvent('delegate:theme', { detail: root.dataset.theme }));
  });

  function label(button) {
    const next = current() === 'dark' ? 'light' : 'dark';
    button.textContent = next === 'dark' ? '☾ Dark' : '☀ Light';
    button.title = `Switch to the ${next} theme`;
    button.setAttribute('aria-label', button.title);
  }

  document.addEventListener('DOMContentLoaded', () => {
    const nav = document.querySelector('header nav');
    if (!nav) return;
    for (const a of nav.querySelectorAll('a')) {
      if (a.getAttribute('href') === location.pathname) a.setAttribute('aria-current', 'page');
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'theme-toggle';
    button.className = 'theme-toggle';
    label(button);
    button.addEventListener('click', () => {
      const next = current() === 'dark' ? 'light' : 'dark';
      root.dataset.theme = next;
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: this page only */ }
      label(button);
      document.dispatchEvent(new CustomEvent('delegate:theme', { detail: next }));
    });
    nav.append(button);
  });
})();
