import { t, tf, translate, lang, reporterText } from './i18n.js';
import { get, send, all } from './api.js';
import { confirmDialog } from './dialog.js';
import { alertIn, pagerHtml } from './layout.js';
import { escape, today, figure } from './format.js';
import { localityPicker } from './locality-picker.js';
import { historyButton } from './changes.js';

// 审核 and 填报周期: the office approves reports or returns them with a reason (the reporter hears of it in its
// inbox), and keeps the quarters' deadlines and the exceptions that let a pairing or project report late.

const REVIEW_PAGE = 50;

/**
 * The review tab: the year's reports in a place, newest first, a page at a time, narrowed by helper, indicator and
 * whether the office filed them on a reporter's behalf; approve or return one (the row says so at once), or approve
 * every pending report of the selection after confirming their number.
 */
export async function setUpReview(catalogue) {
  const place = await localityPicker(document.getElementById('review-locality'));
  const form = document.getElementById('review-filter');
  const table = document.getElementById('review-table');
  const message = document.getElementById('review-message');
  const bulk = document.getElementById('review-approve-all');
  form.year.value = String(new Date().getFullYear());
  form.indicator.insertAdjacentHTML('beforeend', Object.values(catalogue).filter(i => i.aggregation === 'Sum')
    .map(i => `<option value="${escape(i.code)}">${escape(indicatorLabel(i))}</option>`).join(''));
  let page = 1;
  let filter = null;
  let pending = 0;

  const say = (text, kind = 'notice') => { message.textContent = text; message.className = kind; };
  const filterOf = () => ({
    locality: place.value() || '5205', year: Number(form.year.value), status: form.status.value,
    helper: form.helper.value || null, indicator: form.indicator.value || null, onBehalf: form.onBehalf.checked ? true : null,
    flagged: form.flagged.checked ? true : null,
  });
  const query = f => Object.entries({ ...f, status: f.status || null }).filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

  const render = async () => {
    filter ??= filterOf();
    const found = await get(`/api/v1/reviews?${query(filter)}&page=${page}&size=${REVIEW_PAGE}`);
    const rows = found.items.map(item => {
      const r = item.report;
      const values = Object.entries(r.values).map(([c, v]) => `${escape(indicatorLabel(catalogue[c]) || c)} ${escape(figure(v, catalogue[c]?.unit ?? ''))}`).join('，');
      // A report accepted with warnings (the office's rules, an outlier) comes first, with the reason in words.
      const flags = (r.flags ?? []).map(f => `<li>${escape(lang() === 'en' ? f.messageEn : f.messageZh)}</li>`).join('');
      return `<tr data-report="${r.id}" data-status="${item.status}"${flags ? ' data-flagged="true"' : ''}><td>${r.date}</td><th>${escape(r.subjectName ?? r.subjectId)}</th>
        <td class="figures-text">${values}${flags ? `<ul class="flags" aria-label="${escape(t('flagged'))}">${flags}</ul>` : ''}</td>
        <td>${escape(reporterText(r))}${r.onBehalf ? ` <abbr title="${escape(t('onBehalfOnly'))}">*</abbr>` : ''}</td><td data-role="status">${t('review_' + item.status)}</td>
        <td class="act">${item.status === 'pending' ? `<button type="button" data-act="approve">${t('approve')}</button> <button type="button" data-act="return">${t('returnReport')}</button>` : ''}</td></tr>`;
    });
    table.innerHTML = `<thead><tr><th>${t('date')}</th><th>${t('subject')}</th><th>${t('values')}</th><th>${t('reportedBy')}</th><th>${t('status')}</th><th></th></tr></thead>
      <tbody>${rows.join('') || `<tr><td colspan="6">${t('none')}</td></tr>`}</tbody>`;
    document.getElementById('review-count').textContent = tf('pageOf', { p: page, n: Math.max(1, Math.ceil(found.total / REVIEW_PAGE)), total: found.total });
    document.getElementById('review-pages').innerHTML = pagerHtml(page, found.total, REVIEW_PAGE);
    pending = filter.status === 'pending' ? found.total : 0;
    bulk.hidden = pending === 0;
    bulk.textContent = tf('approveAll', { count: pending.toLocaleString() });
  };
  const show = () => render().catch(error => alertIn(message, error));

  document.getElementById('review-pages').addEventListener('click', e => {
    const step = Number(e.target.dataset.step);
    if (!step) return;
    page = Math.max(1, page + step);
    show();
  });

  // One decision per row: the row says what became of it and loses its buttons; the list is not re-read under the hand.
  table.addEventListener('click', async e => {
    const row = e.target.closest('tr[data-report]');
    const act = e.target.dataset.act;
    if (!row || !act || row.dataset.busy) return;
    let body;
    if (act === 'approve') {
      body = { decision: 'Approve' };
    } else {
      const reason = await confirmDialog({ title: t('returnTitle'), message: t('returnConfirm'), reason: true, confirmText: t('returnReport') });
      if (!reason) return;
      body = { decision: 'Return', reason };
    }
    row.dataset.busy = '1';
    row.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      const item = await send('POST', `/api/v1/reports/${row.dataset.report}/review`, body);
      row.dataset.status = item.status;
      row.querySelector('[data-role=status]').textContent = t('review_' + item.status);
      row.querySelector('td.act').innerHTML = '';
      if (filter?.status === 'pending') { pending = Math.max(0, pending - 1); bulk.textContent = tf('approveAll', { count: pending.toLocaleString() }); bulk.hidden = pending === 0; }
      say(item.status === 'approved' ? tf('approvedN', { count: 1 }) : t('returnedOne'));
    } catch (error) {
      row.querySelectorAll('button').forEach(b => { b.disabled = false; });
      say(error.message, 'error');
    } finally {
      delete row.dataset.busy;
    }
  });

  // Bulk approval: the office confirms the number it sees; the server approves exactly that set (fixed at a ledger
  // position, so a report filed meanwhile is not approved unseen) a thousand at a time, and says if the number moved.
  bulk.addEventListener('click', async () => {
    const count = pending;
    if (!count || !filter) return;
    const ok = await confirmDialog({ title: t('approveAllTitle'), message: tf('approveAllConfirm', { count: count.toLocaleString() }), confirmText: t('approve') });
    if (!ok) return;
    bulk.disabled = true;
    const { status, ...rest } = filter;
    const body = { filter: rest, expected: count, limit: 1000 };
    let done = 0;
    try {
      for (;;) {
        say(tf('approving', { done: done.toLocaleString(), count: count.toLocaleString() }));
        const answer = await send('POST', '/api/v1/reviews/approval', body);
        done += answer.approved;
        if (answer.remaining === 0 || answer.approved === 0) break;
        body.expected = null;
        body.through = answer.through;
      }
      say(tf('approvedN', { count: done.toLocaleString() }));
      page = 1;
      await render();
    } catch (error) {
      say(error.message, 'error');
      if (done) await render().catch(() => {});
    } finally {
      bulk.disabled = false;
    }
  });

  form.addEventListener('submit', e => { e.preventDefault(); filter = filterOf(); page = 1; say(''); show(); });
  document.querySelector('#tabs [data-tab=review]').addEventListener('click', async () => {
    const helpers = await all('/api/v1/helpers').catch(() => []);
    form.helper.insertAdjacentHTML('beforeend', helpers.sort((a, b) => a.nameZh.localeCompare(b.nameZh, 'zh-CN'))
      .map(h => `<option value="${escape(h.id)}">${escape(lang() === 'en' && h.nameEn ? h.nameEn : h.nameZh)}</option>`).join(''));
    show();
  }, { once: true });
}

function indicatorLabel(indicator) {
  if (!indicator) return '';
  return lang() === 'en' ? indicator.nameEn : indicator.nameZh;
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
    const rows = periods.map(p => `<tr data-period="${p.id}" data-closed="${p.closed}"><th>${p.id} ${historyButton(`/api/v1/periods/${p.id}/history`, p.id)}</th><td>${p.first} – ${p.last}</td>
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
