import { t, translate } from './i18n.js';
import { get, send } from './api.js';
import { alertIn } from './layout.js';
import { escape, today, figure } from './format.js';
import { localityPicker } from './locality-picker.js';

// 审核 and 填报周期: the office approves reports or returns them with a reason (the reporter hears of it in its
// inbox), and keeps the quarters' deadlines and the exceptions that let a pairing or project report late.

/** The review tab: the year's reports in a place, pending first, with approve and return. */
export async function setUpReview(catalogue) {
  const place = await localityPicker(document.getElementById('review-locality'));
  const form = document.getElementById('review-filter');
  form.year.value = String(new Date().getFullYear());
  const render = async () => {
    const table = document.getElementById('review-table');
    const code = place.value() || '5205';
    const page = await get(`/api/v1/reviews?locality=${code}&year=${Number(form.year.value)}&size=200${form.status.value ? `&status=${form.status.value}` : ''}`);
    const rows = await Promise.all(page.items.map(async item => {
      const r = item.report;
      const values = Object.entries(r.values).map(([c, v]) => `${escape(catalogue[c]?.nameZh ?? c)} ${escape(figure(v, catalogue[c]?.unit ?? ''))}`).join('，');
      return `<tr data-report="${r.id}" data-status="${item.status}"><td>${r.date}</td><th>${escape(r.subjectId)}</th><td>${values}</td>
        <td>${escape(r.reportedBy)}${r.onBehalf ? ' *' : ''}</td><td data-role="status">${t('review_' + item.status)}</td>
        <td>${item.status === 'pending' ? `<button type="button" data-act="approve" data-i18n="approve"></button> <button type="button" data-act="return" data-i18n="returnReport"></button>` : ''}</td></tr>`;
    }));
    table.innerHTML = `<thead><tr><th>${t('date')}</th><th>${t('subject')}</th><th>${t('values')}</th><th>${t('reportedBy')}</th><th>${t('status')}</th><th></th></tr></thead>
      <tbody>${rows.join('') || `<tr><td colspan="6">${t('none')}</td></tr>`}</tbody>`;
    document.getElementById('review-count').textContent = `${page.total}`;
    translate(table);
  };
  document.getElementById('review-table').addEventListener('click', async e => {
    const row = e.target.closest('tr[data-report]');
    const act = e.target.dataset.act;
    if (!row || !act) return;
    const message = document.getElementById('review-message');
    try {
      if (act === 'approve') {
        await send('POST', `/api/v1/reports/${row.dataset.report}/review`, { decision: 'Approve' });
      } else {
        const reason = prompt(t('reason'));
        if (!reason) return;
        await send('POST', `/api/v1/reports/${row.dataset.report}/review`, { decision: 'Return', reason });
      }
      message.textContent = '';
      await render();
    } catch (error) {
      alertIn(message, error);
    }
  });
  form.addEventListener('submit', e => { e.preventDefault(); render().catch(error => alertIn(document.getElementById('review-message'), error)); });
  document.querySelector('#tabs [data-tab=review]').addEventListener('click', () => render().catch(error => alertIn(document.getElementById('review-message'), error)), { once: true });
}

/** The periods tab: the year's quarters, their deadlines and exceptions. */
export async function setUpPeriods() {
  const form = document.getElementById('period-form');
  const year = document.getElementById('period-year');
  year.value = String(new Date().getFullYear());
  form.until.value = new Date(Date.now() + 14 * 86400e3).toISOString().slice(0, 10);
  const message = document.getElementById('period-message');
  const render = async () => {
    const periods = await get(`/api/v1/periods?year=${Number(year.value)}`);
    form.period.innerHTML = periods.map(p => `<option value="${p.id}">${p.id}</option>`).join('');
    const rows = periods.map(p => `<tr data-period="${p.id}" data-closed="${p.closed}"><th>${p.id}</th><td>${p.first} – ${p.last}</td>
      <td>${p.deadline}${p.deadlineSetByOffice ? ' *' : ''} <button type="button" data-act="deadline" data-i18n="setDeadline"></button></td>
      <td>${p.closed ? `<b class="error">${t('closed_')}</b>` : t('open_')}</td>
      <td>${p.exceptions.map(x => `<div data-exception="${escape(x.subjectId)}">${escape(x.subjectId)} · ${t('until')} ${x.until} · ${escape(x.reason)}
        <button type="button" data-act="revoke" data-subject="${escape(x.subjectId)}" data-i18n="revoke"></button></div>`).join('') || '—'}</td></tr>`);
    const table = document.getElementById('period-table');
    table.innerHTML = `<thead><tr><th>${t('period')}</th><th>${t('date')}</th><th>${t('deadline')}</th><th>${t('status')}</th><th>${t('exceptions')}</th></tr></thead><tbody>${rows.join('')}</tbody>`;
    translate(table);
  };
  document.getElementById('period-table').addEventListener('click', async e => {
    const row = e.target.closest('tr[data-period]');
    const act = e.target.dataset.act;
    if (!row || !act) return;
    try {
      if (act === 'revoke') {
        await send('DELETE', `/api/v1/periods/${row.dataset.period}/exceptions/${encodeURIComponent(e.target.dataset.subject)}`);
      } else {
        const deadline = prompt(`${t('deadline')} (YYYY-MM-DD)`, today());
        if (deadline === null) return;
        await send('PUT', `/api/v1/periods/${row.dataset.period}/deadline`, { deadline: deadline || null });
      }
      await render();
    } catch (error) {
      alertIn(message, error);
    }
  });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await send('PUT', `/api/v1/periods/${form.period.value}/exceptions/${encodeURIComponent(form.subjectId.value.trim())}`, { until: form.until.value, reason: form.reason.value.trim() });
      message.className = 'notice';
      message.textContent = t('saved');
      await render();
    } catch (error) {
      alertIn(message, error);
    }
  });
  year.addEventListener('change', () => render().catch(error => alertIn(message, error)));
  document.querySelector('#tabs [data-tab=periods]').addEventListener('click', () => render().catch(error => alertIn(message, error)), { once: true });
}
