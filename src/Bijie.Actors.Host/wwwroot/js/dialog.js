import { t } from './i18n.js';
import { escape } from './format.js';

/**
 * A confirmation of the page's own (a modal <dialog>, not the browser's prompt): a title, a message and, when
 * asked, a reason to type. Resolves to the reason (or true) when confirmed, to null when cancelled.
 */
export function confirmDialog({ title, message, reason = false, confirmText = t('ok') }) {
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.innerHTML = `<form method="dialog" class="stack">
      <h2>${escape(title)}</h2>
      <p>${escape(message)}</p>
      ${reason ? `<label><span>${escape(t('reason'))}</span><textarea name="reason" rows="2" maxlength="500" required></textarea></label>` : ''}
      <p class="error" role="alert"></p>
      <div class="row"><button type="submit" class="primary" value="yes">${escape(confirmText)}</button>
        <button type="button" value="no" data-cancel>${escape(t('cancel'))}</button></div>
    </form>`;
  document.body.append(dialog);
  return new Promise(resolve => {
    const form = dialog.querySelector('form');
    const done = value => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.querySelector('[data-cancel]').addEventListener('click', () => done(null));
    dialog.addEventListener('cancel', e => { e.preventDefault(); done(null); });
    form.addEventListener('submit', e => {
      e.preventDefault();
      if (reason) {
        const text = form.reason.value.trim();
        if (!text) { form.querySelector('.error').textContent = t('reversal_reason_needed'); form.reason.focus(); return; }
        done(text);
      } else {
        done(true);
      }
    });
    dialog.showModal();
    (form.reason ?? form.querySelector('button.primary')).focus();
  });
}
