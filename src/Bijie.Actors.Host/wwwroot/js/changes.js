import { t, lang } from './i18n.js';
import { get, currentSession } from './api.js';
import { escape } from './format.js';

// 修改记录: every change of a resource, newest first, for the office: when, who (by name; signed in on a page or by an
// API key), what kind of change, and each field it changed with its value before and after, side by side. It loads
// when opened, and again on reload() while open.

const known = key => t(key) !== key;
const part = name => (known('field_' + name) ? t('field_' + name) : name);
const fieldText = name => {
  const [head, ...rest] = name.split(':'); // "exception:P-…": an exception of that pairing or project
  return rest.length ? `${part(head)} · ${rest.join(':')}` : name.split('.').map(part).join(' · '); // "money.signedYuan"
};
const actionText = action => (known('action_' + action) ? t('action_' + action) : action);
const who = c => c.actorName ?? (c.via === 'system' ? t('actor_system') : t('via_' + c.via));
// A code reads as its name where the page knows one (a domain, a helper's kind, a status); lists read as lists.
const codeText = (field, v) => {
  if (v === 'true' || v === 'false' || v === true || v === false) return t(String(v) === 'true' ? 'yes' : 'no');
  for (const key of [`${field}_${v}`, `track_${String(v).toLowerCase()}`, `helperKind_${v}`, `status_${v}`]) if (known(key)) return t(key);
  return String(v);
};
const value = (field, v) => {
  if (v === null || v === undefined || v === '') return '<span class="muted">—</span>';
  if (v.startsWith('[')) {
    const list = (() => { try { return JSON.parse(v); } catch { return null; } })();
    if (Array.isArray(list) && list.every(x => typeof x !== 'object')) return list.length ? escape(list.map(x => codeText(field, x)).join('、')) : '<span class="muted">—</span>';
  }
  return v.startsWith('{') || v.startsWith('[') ? `<code>${escape(v)}</code>` : escape(codeText(field, v));
};

function render(changes) {
  if (changes.length === 0) return `<p class="muted">${t('none')}</p>`;
  return changes.map(c => `<article class="change" data-version="${c.version}" data-action="${escape(c.action)}">
      <p><time datetime="${escape(c.at)}">${new Date(c.at).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false })}</time>
        · <b>${escape(who(c))}</b> <span class="muted">(${t('via_' + c.via)})</span> · ${escape(actionText(c.action))}</p>
      ${c.fields.length === 0 ? `<p class="muted">${t('noFieldChanged')}</p>` : `<table class="data diff">
        <thead><tr><th>${t('field')}</th><th>${t('before')}</th><th>${t('after')}</th></tr></thead>
        <tbody>${c.fields.map(f => `<tr data-field="${escape(f.field)}"><th>${escape(f.label ? `${part(f.field.split(':')[0])} · ${f.label}` : fieldText(f.field))}</th>
          <td class="before">${value(f.field, f.before)}</td><td class="after">${value(f.field, f.after)}</td></tr>`).join('')}</tbody></table>`}
    </article>`).join('');
}

/** A small button in a row of the office's lists that opens the row's change history (see installHistoryButtons). */
export const historyButton = (url, title) =>
  `<button type="button" class="history" data-history="${escape(url)}" data-title="${escape(title)}">${t('changes')}</button>`;

/** Once per page: a history button opens a dialog with that resource's changes, newest first. */
export function installHistoryButtons() {
  document.addEventListener('click', async e => {
    const button = e.target.closest('button[data-history]');
    if (!button) return;
    const dialog = document.createElement('dialog');
    dialog.className = 'changes-dialog';
    dialog.innerHTML = `<h2>${escape(button.dataset.title)} · ${t('changes')}</h2><div class="changes-body" aria-live="polite">${t('loading')}</div>
      <div class="row"><button type="button" data-close>${t('close')}</button></div>`;
    document.body.append(dialog);
    const done = () => { dialog.close(); dialog.remove(); };
    dialog.querySelector('[data-close]').addEventListener('click', done);
    dialog.addEventListener('cancel', e2 => { e2.preventDefault(); done(); });
    dialog.showModal();
    const body = dialog.querySelector('.changes-body');
    try {
      body.innerHTML = render(await get(button.dataset.history));
    } catch (error) {
      body.className = 'changes-body error';
      body.textContent = error.message;
    }
  });
}

/** Shows the change history of the resource at <url> in <host> for the office (hidden from everyone else). */
export async function changesPanel(host, url, roles = ['Office', 'Admin']) {
  const session = await currentSession().catch(() => null);
  host.hidden = !session || !roles.includes(session.role);
  if (host.hidden) return { reload: () => {} };
  host.innerHTML = `<details class="changes"><summary>${t('changes')}</summary><div class="changes-body" aria-live="polite"></div></details>`;
  const details = host.querySelector('details');
  const body = host.querySelector('.changes-body');
  let last = null;
  const load = async () => {
    try {
      last = await get(url);
      body.className = 'changes-body';
      body.innerHTML = render(last);
    } catch (error) {
      body.className = 'changes-body error';
      body.textContent = error.message;
    }
  };
  details.addEventListener('toggle', () => { if (details.open) { body.textContent = t('loading'); load(); } });
  return {
    reload: () => (details.open ? load() : undefined),
    rerender: () => {
      host.querySelector('summary').textContent = t('changes');
      if (last) body.innerHTML = render(last);
    },
  };
}
