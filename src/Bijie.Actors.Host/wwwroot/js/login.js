import { t, translate } from './i18n.js';
import { layout } from './layout.js';
import { SIGNED_IN } from './api.js';

/**
 * Where to go after signing in: a path of this site, else the start page. "//host" and "/\host" lead to other sites
 * (a browser reads '\' as '/', and drops tabs and line breaks), so only a single leading '/' without those passes,
 * and the address the browser would resolve must still be on this site.
 */
export function sameSitePath(url) {
  if (typeof url !== 'string' || !/^\/(?![/\\])/.test(url) || /[\\\u0000-\u001f\u007f]/.test(url)) return '/';
  const target = new URL(url, location.origin);
  return target.origin === location.origin ? target.pathname + target.search + target.hash : '/';
}

await layout({ titleKey: 'signIn', rerender: () => translate() });
translate();
const params = new URLSearchParams(location.search);
const asked = params.get('ReturnUrl') ?? params.get('return');
document.getElementById('signin').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userName: form.get('userName'), password: form.get('password'), returnUrl: asked }),
  });
  const message = document.getElementById('message');
  if (response.ok) {
    const session = await response.json().catch(() => ({}));
    localStorage.setItem(SIGNED_IN, '1');
    location.href = sameSitePath(session.next ?? asked);
    return;
  }
  const problem = await response.json().catch(() => ({}));
  // One message whether the name is unknown, the password wrong or this address has to wait: none tells which names exist.
  if (response.status === 401 || response.status === 429) {
    const wait = Number(response.headers.get('Retry-After'));
    message.textContent = t('badSignIn') + (response.status === 429 && wait > 0 ? ` ${wait} ${t('retryIn')}` : '');
    message.dataset.retryAfter = response.status === 429 ? String(wait) : '';
    return;
  }
  message.textContent = `${problem.title ?? ''} ${problem.detail ?? ''}`;
});
document.body.dataset.ready = 'true';
