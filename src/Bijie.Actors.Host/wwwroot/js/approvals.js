import { t, tf, translate, lang } from './i18n.js';
import { get, send, currentSession } from './api.js';
import { layout, failed } from './layout.js';
import { confirmDialog } from './dialog.js';
import { escape, today } from './format.js';
import { localityPicker } from './locality-picker.js';
import { LEVELS, SHOWN, waitingByLevel } from './approval-levels.js';

// 逐级审核: a period's figures approved batch by batch, level by level — the township approves its figures, the county
// what the township approved, the city what the county approved. A locality's account sees the batches of its place and
// acts at its own level; the office sees every batch and stands in for any level. Each row is one batch: who approved at
// each level and when, and the one action the signed-in user can take on it.
const levelOf = code => ({ 4: 'city', 6: 'county', 9: 'township', 12: 'village' })[code?.length];
let session;
let batches = [];
let filter = null;

/** The quarters that have ended, newest first (approvals come after a period ends). */
function endedPeriods(count = 8) {
  const now = new Date(`${today()}T00:00:00`);
  let year = now.getFullYear();
  let quarter = Math.floor(now.getMonth() / 3); // the running quarter's index: the one before it has ended
  const periods = [];
  while (periods.length < count) {
    if (quarter === 0) { year -= 1; quarter = 4; }
    periods.push(`${year}Q${quarter}`);
    quarter -= 1;
  }
  return periods;
}

const myLevel = () => (['Office', 'Admin'].includes(session.role) ? null : levelOf(session.organizationId));
const mayApprove = b => b.next && (myLevel() === null || myLevel() === b.next.toLowerCase());
const mayUnapprove = b => {
  if (!b.approved.length) return false;
  const top = b.approved[b.approved.length - 1].level.toLowerCase();
  return myLevel() === null || (myLevel() !== undefined && LEVELS.indexOf(myLevel()) >= LEVELS.indexOf(top)); // its level or one above
};

function cell(batch, level) {
  const step = batch.approved.find(s => s.level.toLowerCase() === level);
  if (step) {
    const when = new Date(step.at).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
    return `<td data-level="${level}" data-state="approved">✓ ${escape(step.byName ?? t('via_key'))}<br><span class="muted">${escape(when)}</span></td>`;
  }
  if (!batch.levels.map(l => l.toLowerCase()).includes(level)) return `<td data-level="${level}" data-state="none" class="muted">—</td>`;
  return `<td data-level="${level}" data-state="${batch.next?.toLowerCase() === level ? 'next' : 'waiting'}" class="muted">${t(batch.next?.toLowerCase() === level ? 'approvalNext' : 'approvalWaiting')}</td>`;
}

function render() {
  translate();
  const table = document.getElementById('approvals-table');
  // What waits at which level, in this place.
  document.getElementById('approvals-summary').textContent =
    `${waitingByLevel(batches)} · ${tf('approvedAll', { count: batches.filter(b => !b.next).length })}`;
  table.innerHTML = `<thead><tr><th>${t('approvalUnit')}</th>${SHOWN.map(l => `<th>${t('approvedBy_' + l)}</th>`).join('')}<th></th></tr></thead><tbody>` +
    (batches.map(b => `<tr data-unit="${escape(b.unit)}" data-next="${escape(b.next?.toLowerCase() ?? '')}">
        <th>${escape(b.unitName ?? b.unit)}${b.unit.length < 9 ? ` <span class="muted">${t('approvalOwn')}</span>` : ''}</th>
        ${SHOWN.map(l => cell(b, l)).join('')}
        <td class="act">${mayApprove(b) ? `<button type="button" data-act="approve" class="primary">${t('approveBatch')}</button>` : ''}
          ${mayUnapprove(b) ? `<button type="button" data-act="unapprove">${t('unapproveBatch')}</button>` : ''}</td></tr>`).join('')
      || `<tr><td colspan="5">${t('none')}</td></tr>`) + '</tbody>';
}

async function load() {
  const query = filter.locality ? `?locality=${encodeURIComponent(filter.locality)}` : '';
  batches = await get(`/api/v1/approvals/${filter.period}${query}`);
  render();
}

async function start() {
  await layout({ titleKey: 'approvals', rerender: () => render() });
  session = await currentSession();
  const gate = document.getElementById('gate');
  if (!session) {
    gate.innerHTML = `<a href="/login.html?ReturnUrl=/approvals.html">${t('mustSignIn')}</a>`;
    return;
  }
  if (!['Office', 'Admin', 'Locality'].includes(session.role)) { gate.textContent = t('forbidden'); return; }
  document.getElementById('approvals-panel').hidden = false;
  const form = document.getElementById('approvals-filter');
  const asked = new URLSearchParams(location.search);
  const periods = endedPeriods(12);
  // A period named in the address (a reminder's link, an older quarter) is offered too.
  if (/^\d{4}Q[1-4]$/.test(asked.get('period') ?? '') && !periods.includes(asked.get('period'))) periods.push(asked.get('period'));
  form.period.innerHTML = periods.map(p => `<option value="${p}">${p}</option>`).join('');
  if (periods.includes(asked.get('period'))) form.period.value = asked.get('period');
  // The office picks a county or a township; a locality's account sees its own place.
  const picker = session.role === 'Locality' ? null : await localityPicker(document.getElementById('approvals-locality'), { depth: 'township' });
  filter = { period: form.period.value, locality: asked.get('locality') ?? (session.role === 'Locality' ? session.organizationId : '520521') };
  form.addEventListener('submit', e => {
    e.preventDefault();
    filter = { period: form.period.value, locality: picker?.value() || filter.locality };
    load().catch(error => say(error.message, 'error'));
  });
  document.getElementById('approvals-table').addEventListener('click', act);
  await load();
  document.body.dataset.ready = 'true';
}

function say(text, kind = 'notice') {
  const message = document.getElementById('approvals-message');
  message.textContent = text;
  message.className = kind;
}

async function act(e) {
  const row = e.target.closest('tr[data-unit]');
  const action = e.target.dataset.act;
  if (!row || !action || row.dataset.busy) return;
  const batch = batches.find(b => b.unit === row.dataset.unit);
  let path = `/api/v1/approvals/${filter.period}/${encodeURIComponent(batch.unit)}`;
  let body;
  if (action === 'unapprove') {
    const reason = await confirmDialog({ title: t('unapproveBatch'), message: tf('unapproveConfirm', { unit: batch.unitName ?? batch.unit }), reason: true, confirmText: t('unapproveBatch') });
    if (!reason) return;
    path += '/unapproval';
    body = { reason };
  }
  row.dataset.busy = '1';
  row.querySelectorAll('button').forEach(b => { b.disabled = true; });
  try {
    const updated = await send('POST', path, body);
    batches = batches.map(b => (b.unit === updated.unit ? updated : b));
    render();
    say(tf(action === 'approve' ? 'approvedBatch' : 'unapprovedBatch', { unit: updated.unitName ?? updated.unit }));
  } catch (error) {
    row.querySelectorAll('button').forEach(b => { b.disabled = false; });
    say(error.message, 'error');
  } finally {
    delete row.dataset.busy;
  }
}

start().catch(failed);
