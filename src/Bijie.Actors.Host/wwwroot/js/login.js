import { t, translate } from './i18n.js';
import { layout } from './layout.js';

await layout({ titleKey: 'signIn', rerender: () => translate() });
translate();
document.getElementById('signin').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userName: form.get('userName'), password: form.get('password') }),
  });
  if (response.ok) {
    const back = new URLSearchParams(location.search).get('ReturnUrl');
    location.href = back && back.startsWith('/') && !back.startsWith('//') ? back : '/';
    return;
  }
  const problem = await response.json().catch(() => ({}));
  document.getElementById('message').textContent = response.status === 401 ? t('badSignIn') : `${problem.title ?? ''} ${problem.detail ?? ''}`;
});
document.body.dataset.ready = 'true';
