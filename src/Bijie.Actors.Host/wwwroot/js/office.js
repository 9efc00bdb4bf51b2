import { t, tf, translate } from './i18n.js';
import { get, all, send, currentSession, nameOf } from './api.js';
import { layout, alertIn, failed, pagerHtml } from './layout.js';
import { escape, today } from './format.js';
import { pickStaff } from './staff-picker.js';
import { localityPicker } from './locality-picker.js';
import { indicatorCatalogue } from './board.js';
import { waitingByLevel } from './approval-levels.js';
import { setUpReview, setUpPeriods } from './office-review.js';
import { setUpEngagements } from './office-engagements.js';
import { setUpRules } from './office-rules.js';
import { submitOnce, draftKey, newDraft } from './forms.js';
import { historyButton, installHistoryButtons } from './changes.js';

// The programme office: pairings and projects (create, end, move, assign the responsible person with the staff
// picker), needs, support matters, supervision, review, reporting periods, visits/experts/platforms, and the
// import and export of ledgers. Office and admin accounts only; the API checks it again.
const TRACKS = ['regional', 'technology', 'industry', 'education', 'health', 'talent'];
const MOVES = {
  Proposed: ['InLibrary', 'Cancelled'], InLibrary: ['Planned', 'Cancelled'], Planned: ['InProgress', 'Suspended', 'Cancelled'],
  InProgress: ['Completed', 'Suspended', 'Cancelled'], Suspended: ['InProgress', 'Cancelled'], Completed: ['Accepted'], Accepted: [], Cancelled: [],
};
let staff = [];
let helpers = [];
let pairingPlace;
let projectPlace;

async function start() {
  await layout({ titleKey: 'office', rerender: () => translate() });
  const session = await currentSession();
  const gate = document.getElementById('gate');
  if (!session) {
    gate.innerHTML = `<a href="/login.html?ReturnUrl=/office.html">${t('mustSignIn')}</a>`;
    return;
  }
  if (!['Office', 'Admin'].includes(session.role)) {
    gate.textContent = t('forbidden');
    return;
  }
  [staff, helpers] = await Promise.all([get('/api/v1/staff'), all('/api/v1/helpers')]);
  document.getElementById('tabs').hidden = false;
  document.getElementById('tabs').addEventListener('click', e => { if (e.target.dataset.tab) showTab(e.target.dataset.tab); });
  installHistoryButtons();
  await setUpPairings();
  await setUpProjects();
  await setUpNeeds();
  await setUpMatters();
  await setUpSupervision();
  await setUpReview(await indicatorCatalogue());
  await setUpPeriods();
  const indicators = await indicatorCatalogue();
  await setUpRules(Object.fromEntries(Object.entries(indicators).filter(([, i]) => (i.source ?? 'Report') === 'Report')));
  await setUpEngagements(helperOptions());
  await setUpLedgers();
  translate();
  showTab(location.hash.slice(1) || 'pairings');
  document.body.dataset.ready = 'true';
}

function showTab(name) {
  for (const b of document.querySelectorAll('#tabs [data-tab]')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
  for (const p of document.querySelectorAll('[data-panel]')) p.hidden = p.dataset.panel !== name;
  history.replaceState(null, '', `#${name}`);
}

const helperOptions = () => helpers.map(h => `<option value="${escape(h.id)}">${escape(h.nameZh)}</option>`).join('');
const staffName = id => staff.find(s => s.id === id)?.name ?? id;

/** A "choose the responsible person" button that opens the staff picker. */
function responsibleButton(button, label) {
  button.addEventListener('click', async () => {
    const chosen = await pickStaff({ staff, selected: label.dataset.staff ? [label.dataset.staff] : [], single: true });
    if (chosen) { label.dataset.staff = chosen[0]; label.textContent = staffName(chosen[0]); }
  });
}

async function setUpPairings() {
  const form = document.getElementById('pairing-form');
  form.helperId.innerHTML = helperOptions();
  form.domain.innerHTML = `<option value="">—</option>` + TRACKS.slice(1).map(tr => `<option value="${tr}" data-i18n="track_${tr}"></option>`).join('');
  form.start.value = today();
  pairingPlace = await localityPicker(document.getElementById('pairing-locality'));
  const enterprises = await all('/api/v1/enterprises', 5000);
  document.getElementById('enterprise-list').innerHTML = enterprises.map(e => `<option value="${e.creditCode}">${escape(e.name)}</option>`).join('');
  const showFields = () => {
    const kind = form.kind.value;
    form.querySelector('[data-for=helper]').hidden = kind === 'EnterpriseVillage';
    form.querySelector('[data-for=enterprise]').hidden = kind !== 'EnterpriseVillage';
    form.querySelector('[data-for=partner]').hidden = kind !== 'Institution';
    form.querySelector('[data-for=locality]').hidden = kind === 'Institution';
  };
  form.kind.addEventListener('change', showFields);
  showFields();
  responsibleButton(document.getElementById('pairing-pick'), document.getElementById('pairing-responsible'));
  submitOnce(form, async () => {
    const message = document.getElementById('pairing-message');
    const kind = form.kind.value;
    const body = {
      kind,
      helperId: kind === 'EnterpriseVillage' ? null : form.helperId.value,
      enterpriseCode: kind === 'EnterpriseVillage' ? form.enterpriseCode.value.trim().toUpperCase() : null,
      localityCode: kind === 'Institution' ? null : (pairingPlace.value() || null),
      partnerId: kind === 'Institution' ? form.partnerId.value.trim() : null,
      domain: form.domain.value || null,
      start: form.start.value,
      responsibleStaffId: document.getElementById('pairing-responsible').dataset.staff || null,
      note: form.note.value || null,
    };
    try {
      const { status, body: created } = await send('POST', '/api/v1/pairings', body, { withStatus: true });
      message.className = 'notice';
      message.innerHTML = `${t(status === 200 ? 'exists' : 'saved')} <span data-created-pairing="${escape(created.id)}" data-status="${status}">${escape(await pairingName(created))}</span>`;
      if (body.localityCode) { await listPairings(body.localityCode); }
    } catch (error) {
      alertIn(message, error);
    }
  });
  const filter = await localityPicker(document.getElementById('pairing-filter'));
  document.getElementById('pairing-filter').addEventListener('change', () => listPairings(filter.value()));
}

/** A pairing as a person reads it: who helps where (names, not ids). */
async function pairingName(p) {
  const who = p.enterpriseCode ? await nameOf('enterprise', p.enterpriseCode) : await nameOf('helper', p.helperId);
  const where = p.localityCode ? await nameOf('locality', p.localityCode) : p.partnerId ? await nameOf('helper', p.partnerId) : '';
  return `${who} ↔ ${where}（${t('kind_' + p.kind)}）`;
}

async function listPairings(code) {
  const table = document.getElementById('pairing-table');
  if (!code) { table.innerHTML = ''; return; }
  const items = await all(`/api/v1/pairings?locality=${code}&status=active`, 400);
  const rows = await Promise.all(items.map(async p => {
    const partner = p.enterpriseCode ? await nameOf('enterprise', p.enterpriseCode) : await nameOf('helper', p.helperId);
    return `<tr data-pairing="${escape(p.id)}">
    <th>${escape(partner)} ${historyButton(`/api/v1/pairings/${encodeURIComponent(p.id)}/history`, partner)}</th>
    <td>${t('kind_' + p.kind)}</td><td data-role="place">${escape(p.localityCode ? await nameOf('locality', p.localityCode) : p.partnerId ? await nameOf('helper', p.partnerId) : '')}</td>
    <td>${p.start}</td><td data-role="responsible">${escape(staffName(p.responsibleStaffId))}</td>
    <td class="act"><button type="button" data-act="assign" data-i18n="responsible"></button> <button type="button" data-act="end" data-i18n="endPairing"></button></td></tr>`;
  }));
  table.innerHTML = `<thead><tr><th>${t('helper')} / ${t('enterprise')}</th><th>${t('kind')}</th><th>${t('place')}</th><th>${t('start')}</th><th>${t('responsible')}</th><th></th></tr></thead><tbody>${rows.join('') || `<tr><td colspan="6">${t('none')}</td></tr>`}</tbody>`;
  translate(table);
  table.onclick = async e => {
    const row = e.target.closest('tr[data-pairing]');
    if (!row) return;
    const id = row.dataset.pairing;
    try {
      if (e.target.dataset.act === 'assign') {
        const current = items.find(p => p.id === id).responsibleStaffId;
        const chosen = await pickStaff({ staff, selected: [current], single: true });
        if (chosen) await send('PUT', `/api/v1/pairings/${encodeURIComponent(id)}/responsible`, { staffId: chosen[0] });
      } else if (e.target.dataset.act === 'end') {
        const reason = prompt(t('reason'));
        if (!reason) return;
        await send('POST', `/api/v1/pairings/${encodeURIComponent(id)}/end`, { end: today(), reason });
      } else {
        return;
      }
      await listPairings(code);
    } catch (error) {
      alert(error.message);
    }
  };
}

async function setUpProjects() {
  const form = document.getElementById('project-form');
  form.track.innerHTML = TRACKS.map(tr => `<option value="${tr}" data-i18n="track_${tr}"></option>`).join('');
  form.leadHelperId.innerHTML = helperOptions();
  form.coHelperIds.innerHTML = helperOptions();
  form.proposedOn.value = today();
  projectPlace = await localityPicker(document.getElementById('project-locality'));
  responsibleButton(document.getElementById('project-pick'), document.getElementById('project-responsible'));
  submitOnce(form, async () => {
    const message = document.getElementById('project-message');
    const planned = Number(form.plannedYuan.value.replace(/,/g, ''));
    if (!Number.isFinite(planned) || planned < 0) { alertIn(message, new Error('预算须为非负数 · The budget must be a number of yuan, not negative.')); return; }
    const body = {
      title: form.title.value.trim(), track: form.track.value, localityCode: projectPlace.value() || null,
      leadHelperId: form.leadHelperId.value, coHelperIds: [...form.coHelperIds.selectedOptions].map(o => o.value),
      responsibleStaffId: document.getElementById('project-responsible').dataset.staff || null,
      money: { plannedYuan: planned, signedYuan: 0, landedYuan: 0 }, milestones: [], proposedOn: form.proposedOn.value,
    };
    try {
      const { status, body: created } = await send('POST', '/api/v1/projects', body, { withStatus: true, idempotencyKey: draftKey(form) });
      newDraft(form);
      message.className = 'notice';
      message.innerHTML = `${t(status === 200 ? 'exists' : 'saved')} <a href="/project.html?id=${encodeURIComponent(created.id)}" data-created-project="${escape(created.id)}" data-status="${status}">${escape(created.title)}</a>`;
      if (body.localityCode) await listProjects(body.localityCode);
    } catch (error) {
      alertIn(message, error);
    }
  });
  const filter = await localityPicker(document.getElementById('project-filter'));
  document.getElementById('project-filter').addEventListener('change', () => listProjects(filter.value()));
}

async function listProjects(code) {
  const table = document.getElementById('project-table');
  if (!code) { table.innerHTML = ''; return; }
  const items = await all(`/api/v1/projects?locality=${code}`, 400);
  table.innerHTML = `<thead><tr><th>${t('title_')}</th><th>${t('status')}</th><th>${t('responsible')}</th><th>${t('move')}</th></tr></thead><tbody>` +
    (items.map(p => `<tr data-project="${escape(p.id)}"><th><a href="/project.html?id=${encodeURIComponent(p.id)}">${escape(p.title)}</a></th>
      <td>${t('status_' + p.status)}</td><td>${escape(staffName(p.responsibleStaffId))}</td>
      <td>${MOVES[p.status].length ? `<select data-act="to"><option value="">—</option>${MOVES[p.status].map(s => `<option value="${s}">${t('status_' + s)}</option>`).join('')}</select>
        <button type="button" data-act="move" data-i18n="move"></button>` : ''}
        ${['Cancelled', 'Accepted'].includes(p.status) ? '' : '<button type="button" data-act="assign" data-i18n="responsible"></button>'}</td></tr>`).join('')
      || `<tr><td colspan="4">${t('none')}</td></tr>`) + '</tbody>';
  translate(table);
  table.onclick = async e => {
    const row = e.target.closest('tr[data-project]');
    if (!row) return;
    const id = row.dataset.project;
    try {
      if (e.target.dataset.act === 'move') {
        const to = row.querySelector('[data-act=to]').value;
        if (!to) return;
        const body = { to, on: today() };
        if (to === 'Planned') body.plannedYear = Number(prompt(t('plannedYear'), String(new Date().getFullYear() + 1)));
        if (to === 'Cancelled' || to === 'Suspended') body.reason = prompt(t('reason')) || null;
        await send('POST', `/api/v1/projects/${encodeURIComponent(id)}/transitions`, body);
      } else if (e.target.dataset.act === 'assign') {
        const current = items.find(p => p.id === id).responsibleStaffId;
        const chosen = await pickStaff({ staff, selected: [current], single: true });
        if (!chosen) return;
        await send('PUT', `/api/v1/projects/${encodeURIComponent(id)}/responsible`, { staffId: chosen[0] });
      } else {
        return;
      }
      await listProjects(code);
    } catch (error) {
      alert(error.message);
    }
  };
}

async function setUpNeeds() {
  const form = document.getElementById('need-form');
  form.domain.innerHTML = TRACKS.slice(1).map(tr => `<option value="${tr}" data-i18n="track_${tr}"></option>`).join('');
  form.deadline.value = new Date(Date.now() + 90 * 86400e3).toISOString().slice(0, 10);
  const place = await localityPicker(document.getElementById('need-locality'));
  submitOnce(form, async () => {
    const message = document.getElementById('need-message');
    const budget = Number(form.budgetYuan.value.replace(/,/g, ''));
    if (!Number.isFinite(budget) || budget < 0) { alertIn(message, new Error('预算须为非负数 · The budget is yuan, not negative.')); return; }
    try {
      const { status, body: need } = await send('POST', '/api/v1/needs', {
        title: form.title.value.trim(), description: form.description.value || null, domain: form.domain.value, localityCode: place.value() || null,
        budgetYuan: budget, urgency: form.urgency.value, deadline: form.deadline.value,
      }, { withStatus: true, idempotencyKey: draftKey(form) });
      newDraft(form);
      message.className = 'notice';
      message.innerHTML = `${t(status === 200 ? 'exists' : 'saved')} <span data-created-need="${escape(need.id)}" data-status="${status}">${escape(need.title)}</span>`;
      await listNeeds();
    } catch (error) {
      alertIn(message, error);
    }
  });
  document.getElementById('need-filter').addEventListener('change', listNeeds);
  await listNeeds();
}

async function listNeeds() {
  const table = document.getElementById('need-table');
  const status = document.getElementById('need-filter').value;
  const items = await all(`/api/v1/needs${status ? `?status=${status}` : ''}`);
  const rows = await Promise.all(items.map(async n => `<tr data-need="${escape(n.id)}"><th>${escape(n.title)} ${historyButton(`/api/v1/needs/${encodeURIComponent(n.id)}/history`, n.title)}</th><td>${t('track_' + n.domain.toLowerCase())}</td>
    <td>${escape(await nameOf('locality', n.localityCode))}</td><td>${t('urgency_' + n.urgency)}</td><td>${n.deadline}</td>
    <td data-role="status">${t('need_' + n.status)}${n.matchedHelperId ? ` · ${escape(await nameOf('helper', n.matchedHelperId))}` : ''}</td>
    <td>${n.status === 'Open' ? `<button type="button" data-act="candidates" data-i18n="candidates"></button>` : ''}
      ${n.status === 'Matched' ? `<a href="/project.html?id=need-${encodeURIComponent(n.id)}">${t('projects')}</a> <button type="button" data-act="fulfil" data-i18n="fulfil"></button>` : ''}</td></tr>
    <tr class="candidates" data-for="${escape(n.id)}" hidden><td colspan="7"></td></tr>`));
  table.innerHTML = `<thead><tr><th>${t('title_')}</th><th>${t('domain')}</th><th>${t('locality')}</th><th>${t('urgency')}</th><th>${t('deadline')}</th><th>${t('status')}</th><th></th></tr></thead>
    <tbody>${rows.join('') || `<tr><td colspan="7">${t('none')}</td></tr>`}</tbody>`;
  translate(table);
  table.onclick = async e => {
    const act = e.target.dataset.act;
    const row = e.target.closest('tr[data-need], tr.candidates');
    if (!act || !row) return;
    const id = row.dataset.need ?? row.dataset.for;
    try {
      if (act === 'candidates') {
        const cell = table.querySelector(`tr.candidates[data-for="${CSS.escape(id)}"]`);
        const candidates = await get(`/api/v1/needs/${encodeURIComponent(id)}/candidates?count=5`);
        cell.hidden = false;
        cell.firstElementChild.innerHTML = `<table class="data"><thead><tr><th>#</th><th>${t('helper')}</th><th>${t('score')}</th><th>${t('reasons')}</th><th></th></tr></thead><tbody>` +
          candidates.map(c => `<tr data-candidate="${escape(c.helperId)}"><td>${c.rank}</td><th>${escape(c.name)}</th><td>${c.score}</td>
            <td>${c.reasons.map(escape).join('<br>')}</td><td><button type="button" data-act="match" data-helper="${escape(c.helperId)}" data-i18n="confirmMatch"></button></td></tr>`).join('') +
          '</tbody></table>';
        translate(cell);
      } else if (act === 'match') {
        const chosen = await pickStaff({ staff, single: true });
        if (!chosen) return;
        await send('POST', `/api/v1/needs/${encodeURIComponent(id)}/match`, { helperId: e.target.dataset.helper, responsibleStaffId: chosen[0] });
        await listNeeds();
      } else if (act === 'fulfil') {
        await send('POST', `/api/v1/needs/${encodeURIComponent(id)}/status`, { status: 'Fulfilled' });
        await listNeeds();
      }
    } catch (error) {
      alert(error.message);
    }
  };
}

/**
 * 督促推进: what needs an update, longest waiting first, a page at a time, narrowed by responsible person, place and
 * reason, with names; reminders go to the office's inbox (daily, or now).
 */
async function setUpSupervision() {
  // The current quarter (as of today) and the three before it (as of their last day).
  const form = document.getElementById('supervision-filter');
  const select = document.getElementById('supervision-period');
  const now = new Date();
  select.innerHTML = [0, 1, 2, 3].map(back => {
    const q = now.getFullYear() * 4 + Math.floor(now.getMonth() / 3) - back;
    const id = `${Math.floor(q / 4)}Q${q % 4 + 1}`;
    return `<option value="${id}">${id}</option>`;
  }).join('');
  form.staff.insertAdjacentHTML('beforeend', staff.map(s => `<option value="${escape(s.id)}">${escape(s.name)}</option>`).join(''));
  const place = await localityPicker(document.getElementById('supervision-locality'), { depth: 'township' });
  const PAGE = 50;
  let page = 1;
  const message = document.getElementById('remind-message');
  const detail = i => i.reason === 'no_recent_report'
    ? (i.lastReportOn ? tf('silentSince', { date: i.lastReportOn, days: i.daysSilent.toLocaleString() }) : tf('neverReported', { date: i.since }))
    : i.detail;
  const render = async () => {
    const q = new URLSearchParams({ period: select.value, page, size: PAGE });
    if (form.staff.value) q.set('staff', form.staff.value);
    if (place.value()) q.set('locality', place.value());
    if (form.reason.value) q.set('reason', form.reason.value);
    const found = await get(`/api/v1/supervision?${q}`);
    const table = document.getElementById('supervision-table');
    table.innerHTML = `<thead><tr><th>${t('responsible')}</th><th>${t('subject')}</th><th>${t('place')}</th><th>${t('status')}</th><th>${t('description')}</th></tr></thead><tbody>` +
      (found.items.map(i => `<tr data-subject="${escape(i.subjectId)}" data-reason="${i.reason}"><th>${escape(i.responsibleName ?? staffName(i.responsibleStaffId))}</th>
        <td>${i.subjectKind === 'project' ? `<a href="/project.html?id=${encodeURIComponent(i.subjectId)}">${escape(i.name)}</a>` : `<a href="/locality.html?code=${i.localityCode}">${escape(i.name)}</a>`}</td>
        <td>${escape(i.localityName ?? i.localityCode)}</td><td>${t('reason_' + i.reason)}</td><td>${escape(detail(i))}</td></tr>`).join('') || `<tr><td colspan="5">${t('none')}</td></tr>`) + '</tbody>';
    document.getElementById('supervision-pages').innerHTML = pagerHtml(page, found.total, PAGE, { always: true });
    await renderApprovals();
  };
  // 逐级审核: for a quarter that has ended, how many batches of the place wait at each level, and a link to them.
  const renderApprovals = async () => {
    const line = document.getElementById('supervision-approvals');
    const [year, quarter] = select.value.split('Q').map(Number);
    if (new Date(year, quarter * 3, 1) > new Date()) { line.textContent = ''; return; }
    const batches = await get(`/api/v1/approvals/${select.value}?locality=${encodeURIComponent(place.value() || '5205')}`);
    line.innerHTML = `${escape(t('approvals'))}：${escape(waitingByLevel(batches))} <a href="/approvals.html?period=${select.value}">${escape(t('approvals'))} →</a>`;
  };
  const show = () => render().catch(e => alertIn(message, e));
  document.getElementById('supervision-pages').addEventListener('click', e => {
    const step = Number(e.target.dataset.step);
    if (step) { page = Math.max(1, page + step); show(); }
  });
  form.addEventListener('submit', e => { e.preventDefault(); page = 1; show(); });
  select.addEventListener('change', () => { page = 1; show(); });
  document.getElementById('remind-now').addEventListener('click', async () => {
    try {
      const result = await send('POST', '/api/v1/supervision/reminders');
      message.className = 'notice';
      message.textContent = `${t('reminded')}: ${result.reminded} · ${t('approvals')}: ${result.approvers}`;
    } catch (e) {
      alertIn(message, e);
    }
  });
  document.querySelector('#tabs [data-tab=supervision]').addEventListener('click', show, { once: true });
}

const NEXT = { Assigned: 'Undertaken', Undertaken: 'Concluded', Concluded: 'FedBack', FedBack: null };

async function setUpMatters() {
  const form = document.getElementById('matter-form');
  form.helperId.innerHTML = helperOptions();
  form.due.value = today();
  const place = await localityPicker(document.getElementById('matter-locality'), { depth: 'township' });
  responsibleButton(document.getElementById('matter-pick'), document.getElementById('matter-responsible'));
  submitOnce(form, async () => {
    const message = document.getElementById('matter-message');
    try {
      const { status, body: raised } = await send('POST', '/api/v1/matters', {
        title: form.title.value.trim(), description: form.description.value || null, helperId: form.helperId.value,
        localityCode: place.value() || null, responsibleStaffId: document.getElementById('matter-responsible').dataset.staff || null, due: form.due.value,
      }, { withStatus: true, idempotencyKey: draftKey(form) });
      newDraft(form);
      message.className = 'notice';
      message.innerHTML = `${t(status === 200 ? 'exists' : 'saved')} <span data-created-matter="${escape(raised.id)}" data-status="${status}">${escape(raised.title)}</span>`;
      await listMatters();
    } catch (error) {
      alertIn(message, error);
    }
  });
  document.getElementById('matter-filter').addEventListener('change', listMatters);
  await listMatters();
}

async function listMatters() {
  const table = document.getElementById('matter-table');
  const status = document.getElementById('matter-filter').value;
  const items = await all(`/api/v1/matters${status ? `?status=${status}` : ''}`);
  const rows = await Promise.all(items.map(async m => `<tr data-matter="${escape(m.id)}" class="${m.overdue ? 'overdue' : ''}">
    <th>${escape(m.title)} ${historyButton(`/api/v1/matters/${encodeURIComponent(m.id)}/history`, m.title)}</th><td>${escape(await nameOf('helper', m.helperId))}</td><td>${escape(staffName(m.responsibleStaffId))}</td>
    <td>${m.due}${m.overdue ? ` <b class="error">${t('overdue')}</b>` : ''}</td><td data-role="step">${t('step_' + m.step)}</td><td>${m.escalations}</td>
    <td>${NEXT[m.step] ? `<button type="button" data-act="step" data-step="${NEXT[m.step]}">${t('step_' + NEXT[m.step])}</button>` : ''}</td></tr>`));
  table.innerHTML = `<thead><tr><th>${t('title_')}</th><th>${t('helper')}</th><th>${t('responsible')}</th><th>${t('dueOn')}</th><th>${t('status')}</th><th>${t('escalations')}</th><th>${t('nextStep')}</th></tr></thead>
    <tbody>${rows.join('') || `<tr><td colspan="7">${t('none')}</td></tr>`}</tbody>`;
  table.onclick = async e => {
    const row = e.target.closest('tr[data-matter]');
    if (!row || e.target.dataset.act !== 'step') return;
    const note = prompt(t('note')) ?? '';
    try {
      await send('POST', `/api/v1/matters/${encodeURIComponent(row.dataset.matter)}/steps`, { step: e.target.dataset.step, note: note || null });
      await listMatters();
    } catch (error) {
      alert(error.message);
    }
  };
}

/**
 * 导入导出: exports of a year (or one quarter) and a place; imports checked first (a dry run that says which rows
 * would create or update what, and which are bad and why), applied only after a clean check of the same file.
 */
async function setUpLedgers() {
  const exportForm = document.getElementById('export-form');
  exportForm.year.value = String(new Date().getFullYear());
  const place = await localityPicker(document.getElementById('export-locality'), { depth: 'township' });
  const drawExports = () => {
    const year = Number(exportForm.year.value) || new Date().getFullYear();
    const period = exportForm.period.value ? `${year}${exportForm.period.value}` : null;
    const locality = place.value();
    const at = locality ? `&locality=${locality}` : '';
    const kinds = [
      ['ledger_helpers', 'helpers', ''], ['ledger_enterprises', 'enterprises', at.replace('&', '?')], ['ledger_pairings', 'pairings', at.replace('&', '?')],
      ['ledger_projects', 'projects', at.replace('&', '?')], ['ledger_reports', 'reports', `?year=${year}${period ? `&period=${period}` : ''}${at}`],
      ['ledger_board', `boards/${locality || '5205'}`, `?year=${year}`],
    ];
    document.getElementById('exports').innerHTML = kinds.map(([label, k, q]) =>
      `<li data-export="${k}">${escape(t(label))}${k === 'reports' ? ` · ${escape(period ?? String(year))}` : k.startsWith('boards') ? ` · ${year}` : ''}:
        <a href="/api/v1/exports/${k}.csv${q}" download>CSV</a> · <a href="/api/v1/exports/${k}.xlsx${q}" download>XLSX</a></li>`).join('');
  };
  exportForm.addEventListener('input', drawExports);
  exportForm.addEventListener('change', drawExports);
  drawExports();

  await listDigests();
  document.getElementById('digests-print').addEventListener('click', () => window.print());

  const form = document.getElementById('import-form');
  const message = document.getElementById('import-message');
  const table = document.getElementById('import-table');
  const apply = document.getElementById('import-apply');
  const templates = () => {
    document.getElementById('template-csv').href = `/api/v1/imports/${form.kind.value}/template.csv`;
    document.getElementById('template-xlsx').href = `/api/v1/imports/${form.kind.value}/template.xlsx`;
  };
  let checked = null; // the file and kind a clean dry run was made of: only that may be applied
  const reset = () => { checked = null; apply.disabled = true; table.innerHTML = ''; };
  // After the check, the button pressed is enabled again by submitOnce only if a clean check allows it.
  form.kind.addEventListener('change', () => { templates(); reset(); message.textContent = ''; });
  form.file.addEventListener('change', () => { reset(); message.textContent = ''; });
  templates();
  const say = (text, kind) => { message.textContent = text; message.className = kind; };
  submitOnce(form, async e => {
    const file = form.file.files[0];
    if (!file) return;
    const format = file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
    const dry = e.submitter?.value !== 'apply';
    if (!dry && !(checked && checked.file === file && checked.kind === form.kind.value)) return;
    try {
      const result = await send('POST', `/api/v1/imports/${form.kind.value}?format=${format}${dry ? '&dryRun=true' : ''}`, file,
        { headers: { 'Content-Type': format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' } });
      if (dry) {
        const bad = result.errors.length > 0;
        say(tf(bad ? 'dryRunBad' : 'dryRunGood', { rows: result.rows, valid: result.validRows, bad: result.rows - result.validRows, creates: result.creates, updates: result.updates }), bad ? 'error' : 'notice');
        table.innerHTML = `<thead><tr><th>${t('row')}</th><th>${t('status')}</th><th>${t('description')}</th></tr></thead><tbody>` +
          [...result.errors.map(x => ({ row: x.row, html: `<td class="error">${t('badRow')}</td><td>${escape(x.field ?? '')}: ${escape(x.message)}</td>` })),
            ...(result.changes ?? []).map(c => ({ row: c.row, html: `<td>${t('change_' + c.action)}</td><td></td>` }))]
            .sort((a, b) => a.row - b.row).slice(0, 500).map(x => `<tr data-row="${x.row}"><th>${x.row}</th>${x.html}</tr>`).join('') + '</tbody>';
        checked = bad ? null : { file, kind: form.kind.value };
        apply.disabled = bad;
      } else {
        say(tf('imported', { applied: result.applied, rows: result.rows }), 'notice');
        reset();
      }
    } catch (error) {
      const errors = error.problem?.errors;
      alertIn(message, Array.isArray(errors) ? new Error(errors.map(x => `#${x.row} ${x.field ?? ''}: ${x.message}`).join('；')) : error);
      checked = null;
    }
  }, { enabled: button => button !== apply || !!checked });
}

start().catch(failed);

/** The ledger's daily digests: where its hash chain stood when each day was over, to print or send outside. */
async function listDigests() {
  const table = document.getElementById('digests');
  let digests;
  try {
    digests = await get('/api/v1/ledger/digests');
  } catch (error) {
    // The rest of the page works without them: say why they are missing, in the table's place.
    table.innerHTML = '<tbody><tr><td><p role="alert"></p></td></tr></tbody>';
    alertIn(table.querySelector('p'), error);
    return;
  }
  table.innerHTML = `<thead><tr><th data-i18n="day"></th><th data-i18n="digestEntries"></th><th data-i18n="digestLines"></th>
    <th data-i18n="digestCheck"></th></tr></thead><tbody>` +
    (digests.length === 0 ? `<tr><td colspan="4" class="muted" data-i18n="noDigests"></td></tr>` :
      digests.map(d => `<tr data-digest="${escape(d.day)}"><td>${escape(d.day)}</td><td>${d.entries.toLocaleString()}</td><td>${d.lines.toLocaleString()}</td>
        <td class="hash"><code>${escape(d.check)}</code></td></tr>`).join('')) + '</tbody>';
}
