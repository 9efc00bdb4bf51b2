import { t } from './i18n.js';

/**
 * The office's forms: one submission at a time (the button says 提交中 and is disabled while it is in flight, so a
 * double click or Enter twice sends once), and an idempotency key per draft, kept until the server has answered
 * yes, so that a retry after a lost answer finds what the first try made.
 */
export function submitOnce(form, run, { enabled = () => true } = {}) {
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (form.dataset.busy === 'true') return;
    // The button pressed says 提交中 (a form may have two: 检查 and 导入); Enter presses the first.
    const button = e.submitter ?? form.querySelector('button[type=submit]');
    form.dataset.busy = 'true';
    form.setAttribute('aria-busy', 'true');
    if (button) { button.disabled = true; button.textContent = t('submitting'); }
    try {
      await run(e);
    } finally {
      form.dataset.busy = 'false';
      form.setAttribute('aria-busy', 'false');
      if (button) { button.disabled = !enabled(button); button.textContent = t(button.dataset.i18n ?? 'submit'); }
    }
  });
}

/** The current draft's idempotency key; the same until newDraft. */
export function draftKey(form) {
  form.dataset.key ||= crypto.randomUUID();
  return form.dataset.key;
}

/** After the server accepted the draft: the next submission is a new one. */
export function newDraft(form) {
  delete form.dataset.key;
}
