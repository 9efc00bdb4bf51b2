import { t, tf, lang, setLang, translate } from './i18n.js';
import { currentSession, send, get, SIGNED_IN } from './api.js';
import { escape } from './format.js';
import { confirmDialog } from './dialog.js';
import { waiting } from './outbox.js';

/**
 * The header every page shares: title, navigation, the live state (boards), the year switch (boards), the
 * language switch and who is signed in. Calls rerender() after a language switch.
 */
export async function layout({ titleKey = 'title', titleText = null, live = false, years = null, year = null, onYear, rerender } = {}) {
  const header = document.querySelector('header.top');
  header.innerHTML = `
    <div class="brand"><a href="/" class="home-link"><span data-i18n="title"></span></a>
      <h1 id="page-title" ${titleText ? '' : `data-i18n="${titleKey}"`}>${titleText ? escape(titleText) : ''}</h1></div>
    <nav>
      <a href="/" data-i18n="home"></a>
      <a href="/report.html" data-i18n="report" data-for="Enterprise Helper Office Admin" hidden></a>
      <a href="/office.html" data-i18n="office" data-for="Office Admin" hidden></a>
      <a href="/approvals.html" data-i18n="approvals" data-for="Office Admin Locality" hidden></a>
    </nav>
    <div class="tools">
      ${years ? `<label class="year"><span data-i18n="year"></span> <select id="year-select">${years.map(y => `<option value="${y}" ${y === year ? 'selected' : ''}>${y}</option>`).join('')}</select></label>
        <span id="year-note" role="note" hidden></span>` : ''}
      ${live ? '<span id="live-state" data-state="connecting" role="status"><span class="dot"></span><span data-i18n="connecting"></span></span>' : ''}
      <button type="button" id="lang-switch" data-i18n="language"></button>
      <span id="who"></span>
      <time id="clock"></time>
    </div>`;
  translate(header);
  header.querySelector('#lang-switch').addEventListener('click', async () => {
    setLang(lang() === 'en' ? 'zh' : 'en');
    translate();
    await rerender?.();
  });
  header.querySelector('#year-select')?.addEventListener('change', e => onYear?.(Number(e.target.value)));
  header.addEventListener('livestate', () => translate(header));
  const clock = header.querySelector('#clock');
  const tick = () => { clock.textContent = new Date().toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }); };
  tick();
  setInterval(tick, 1000);
  await showWho();
}

async function showWho() {
  const who = document.getElementById('who');
  const s = await currentSession();
  // The pages a role works in are linked for that role only: a helper is not sent to 办公室 to read "no permission".
  document.querySelectorAll('header.top nav a[data-for]').forEach(a => { a.hidden = !s || !a.dataset.for.split(' ').includes(s.role); });
  if (s) {
    const inbox = await get('/api/v1/inbox').catch(() => null);
    who.innerHTML = `${inbox ? `<a href="/inbox.html" id="inbox-link"><span data-i18n="inbox"></span> <b data-unread="${inbox.unread}">${inbox.unread}</b></a> ` : ''}` +
      `<span class="user">${escape(s.displayName)}</span> <button type="button" id="sign-out" data-i18n="signOut"></button>`;
    who.querySelector('#sign-out').addEventListener('click', async () => {
      // Reports still waiting on this device stay for this account's next sign-in; say so before leaving.
      const n = await waiting(s.userId).catch(() => 0);
      if (n > 0 && !await confirmDialog({ title: t('signOut'), message: t('signOutWaiting').replace('{n}', n), confirmText: t('signOut') })) return;
      await send('DELETE', '/api/v1/session').catch(() => {});
      localStorage.removeItem(SIGNED_IN);
      navigator.serviceWorker?.controller?.postMessage('signed-out');
      location.href = '/';
    });
  } else {
    who.innerHTML = `<a href="/login.html?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}" data-i18n="signIn"></a>`;
  }
  translate(who);
}

/** The message of an error, shown in an element with role=alert. */
export function alertIn(element, error) {
  element.textContent = error ? (error.message || String(error)) : '';
  element.classList.toggle('error', !!error);
}

/** What a page does when it cannot start: sign in when the boards are private, else say why. */
export function failed(error) {
  if (error?.status === 401) {
    location.href = `/login.html?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}`;
    return;
  }
  document.querySelector('main').insertAdjacentHTML('afterbegin', `<p class="error" role="alert">${escape(error?.message ?? String(error))}</p>`);
}

/**
 * A paged list's previous and next buttons (data-step -1 and 1) around "第 p / n 页，共 total 条"; nothing when the
 * list fits one page, unless always.
 */
export function pagerHtml(page, total, size, { always = false } = {}) {
  if (total <= size && !always) return '';
  const pages = Math.max(1, Math.ceil(total / size));
  return `<button type="button" data-step="-1" ${page <= 1 ? 'disabled' : ''}>${t('prev')}</button>
    <span>${escape(tf('pageOf', { p: page, n: pages, total }))}</span>
    <button type="button" data-step="1" ${page >= pages ? 'disabled' : ''}>${t('next')}</button>`;
}

export function params() {
  return new URLSearchParams(location.search);
}

export { t };
