import { t, translate, lang } from './i18n.js';
import { get, send, currentSession } from './api.js';
import { layout, failed } from './layout.js';
import { escape } from './format.js';

// The inbox of the signed-in organisation (the office's for office staff): escalations of overdue matters,
// matched needs; newest first, unread ones marked.
async function start() {
  await layout({ titleKey: 'inbox', rerender: render });
  if (!await currentSession()) {
    document.getElementById('gate').innerHTML = `<a href="/login.html?ReturnUrl=/inbox.html">${t('mustSignIn')}</a>`;
    return;
  }
  await render();
  document.body.dataset.ready = 'true';
}

async function render() {
  translate();
  const inbox = await get('/api/v1/inbox');
  const list = document.getElementById('notifications');
  list.innerHTML = inbox.items.map(n => `<li data-notification="${n.id}" class="${n.read ? 'read' : 'unread'}">
    <time>${new Date(n.at).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false })}</time>
    <strong>${n.link ? `<a href="${escape(n.link)}">${escape(n.title)}</a>` : escape(n.title)}</strong>
    ${n.body ? `<p>${escape(n.body)}</p>` : ''}
    ${n.read ? '' : `<button type="button" data-act="read">${t('markRead')}</button>`}</li>`).join('') || `<li class="empty">${t('none')}</li>`;
  list.onclick = async e => {
    const item = e.target.closest('li[data-notification]');
    if (!item || e.target.dataset.act !== 'read') return;
    await send('POST', `/api/v1/inbox/${item.dataset.notification}/read`);
    await render();
  };
}

start().catch(failed);
