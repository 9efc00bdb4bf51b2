import { t, translate, lang, reporterText } from './i18n.js';
import { get, all, nameOf, currentSession, send } from './api.js';
import { layout, params, alertIn, failed } from './layout.js';
import { escape, money, figure } from './format.js';
import { connectLive, touches, coalesce } from './live.js';
import { yearsUpTo, loadBoard, renderFigures, indicatorCatalogue } from './board.js';
import { changesPanel } from './changes.js';

// A project: what it is, its live figures, its milestones, its status history and its reports.
const id = params().get('id');
const state = { year: null, project: null, board: null, history: [], reports: null };
let catalogue;
let changes = { reload: () => {}, rerender: () => {} };

async function start() {
  catalogue = await indicatorCatalogue();
  state.project = await get(`/api/v1/projects/${encodeURIComponent(id)}`);
  state.board = await loadBoard('projects', id, null);
  state.year = state.board.year;
  document.title = `${state.project.title} — ${document.title}`;
  await layout({ titleText: state.project.title, live: true, years: yearsUpTo(state.year), year: state.year,
    onYear: async y => { state.year = y; await loadAll(); render(); }, rerender: () => { render(); changes.rerender?.(); } });
  await loadAll();
  await render();
  // Every change of the project, field by field (the office's): reread when the project changes.
  changes = await changesPanel(document.getElementById('changes'), `/api/v1/projects/${encodeURIComponent(id)}/changes`);
  const session = await currentSession();
  if (session && ['Office', 'Admin'].includes(session.role)) setUpEditor();
  document.body.dataset.ready = 'true';
  connectLive({
    scopes: () => [state.board.scope],
    onChanged: change => { if (touches(change, state.year)) reload(); },
    onResync: () => loadAll().then(render),
  });
}

async function loadAll() {
  const signedIn = await currentSession();
  [state.project, state.board, state.history, state.reports] = await Promise.all([
    get(`/api/v1/projects/${encodeURIComponent(id)}`),
    loadBoard('projects', id, state.year),
    get(`/api/v1/projects/${encodeURIComponent(id)}/history`),
    signedIn ? all(`/api/v1/reports?project=${encodeURIComponent(id)}&year=${state.year}`, 500).catch(() => null) : Promise.resolve(null),
  ]);
  // The responsible person is named to those who may read the staff directory (the office); others see no id instead.
  state.staffName = signedIn ? (await get('/api/v1/staff').catch(() => []))?.find(s => s.id === state.project.responsibleStaffId)?.name ?? null : null;
}

const reload = coalesce(async () => { await loadAll(); await render(); changes.reload(); });

async function render() {
  translate();
  const p = state.project;
  const place = await get(`/api/v1/localities/${p.localityCode}`);
  document.getElementById('breadcrumb').innerHTML = [...place.lineage, { code: place.code, name: place.name }]
    .map(l => `<a href="${l.code === '5205' ? '/' : `/locality.html?code=${l.code}`}">${escape(l.name)}</a>`).join('') + `<span aria-current="page">${escape(p.title)}</span>`;
  const co = await Promise.all(p.coHelperIds.map(h => nameOf('helper', h)));
  document.getElementById('overview').innerHTML = `
    <div><dt>${t('status')}</dt><dd data-status="${p.status}">${t('status_' + p.status)}</dd></div>
    <div><dt>${t('domain')}</dt><dd>${t('track_' + p.track.toLowerCase())}</dd></div>
    <div><dt>${t('helper')}</dt><dd><a href="/organization.html?helper=${encodeURIComponent(p.leadHelperId)}">${escape(await nameOf('helper', p.leadHelperId))}</a></dd></div>
    <div><dt>${t('coHelpers')}</dt><dd>${co.length ? co.map(escape).join('、') : '—'}</dd></div>
    <div><dt>${t('budget')}</dt><dd>${money(p.money.plannedYuan)}</dd></div>
    <div><dt>${t('signed')} / ${t('landed')}</dt><dd>${money(p.money.signedYuan)} / ${money(p.money.landedYuan)}</dd></div>
    <div><dt>${t('proposedOn')}</dt><dd>${p.proposedOn}</dd></div>
    ${state.staffName ? `<div><dt>${t('responsible')}</dt><dd>${escape(state.staffName)}</dd></div>` : ''}`;
  renderFigures(document.getElementById('figures'), state.board, null, { nonZero: true });
  document.getElementById('milestones').innerHTML = `<thead><tr><th>${t('milestones')}</th><th>${t('dueOn')}</th><th>%</th></tr></thead><tbody>` +
    (p.milestones.map(m => `<tr><th>${escape(m.title)}</th><td>${m.due}</td><td><meter min="0" max="100" value="${m.percentComplete}"></meter> ${m.percentComplete}%</td></tr>`).join('')
      || `<tr><td colspan="3">${t('none')}</td></tr>`) + '</tbody>';
  document.getElementById('history').innerHTML = `<thead><tr><th>${t('status')}</th><th>${t('date')}</th><th>${t('reportedBy')}</th></tr></thead><tbody>` +
    state.history.map(h => `<tr><th>${t('status_' + h.status)}</th><td>${h.on}</td><td>${escape(reporterText({ reportedBy: h.by }))}</td></tr>`).join('') + '</tbody>';
  const reports = document.getElementById('reports');
  if (state.reports === null) {
    reports.innerHTML = `<tbody><tr><td><a href="/login.html?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}">${t('signInToSee')}</a></td></tr></tbody>`;
  } else {
    reports.innerHTML = `<thead><tr><th>${t('date')}</th><th>${t('values')}</th><th>${t('reportedBy')}</th></tr></thead><tbody>` +
      (state.reports.map(r => `<tr data-report="${r.id}"><th>${r.date}</th><td>${escape(Object.entries(r.values).map(([k, v]) =>
        `${lang() === 'en' ? catalogue[k]?.nameEn : catalogue[k]?.nameZh} ${figure(v, catalogue[k]?.unit)}`).join('，'))}</td><td>${escape(reporterText(r))}</td></tr>`).join('')
        || `<tr><td colspan="3">${t('none')}</td></tr>`) + '</tbody>';
  }
}

/** The office edits money and milestones; the write names the version it saw (If-Match), so no edit is lost unseen. */
function setUpEditor() {
  const panel = document.getElementById('edit-panel');
  const form = document.getElementById('progress-form');
  const editor = document.getElementById('milestone-editor');
  const row = (m = { id: '', title: '', due: '', percentComplete: 0 }) => `<tr data-id="${escape(m.id)}">
    <td><input name="title" value="${escape(m.title)}" aria-label="${t('milestones')}" required></td>
    <td><input name="due" type="date" value="${m.due}" required></td>
    <td><input name="percent" type="number" min="0" max="100" value="${m.percentComplete}" required></td></tr>`;
  const fill = () => {
    const p = state.project;
    if (['Cancelled', 'Accepted'].includes(p.status)) { panel.hidden = true; return; }
    panel.hidden = false;
    form.plannedYuan.value = p.money.plannedYuan;
    form.signedYuan.value = p.money.signedYuan;
    form.landedYuan.value = p.money.landedYuan;
    editor.innerHTML = `<thead><tr><th>${t('milestones')}</th><th>${t('dueOn')}</th><th>%</th></tr></thead><tbody>${p.milestones.map(row).join('')}</tbody>`;
  };
  fill();
  document.getElementById('add-milestone').addEventListener('click', () => editor.querySelector('tbody').insertAdjacentHTML('beforeend', row()));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const message = document.getElementById('progress-message');
    const yuan = name => Number(String(form[name].value).replace(/,/g, ''));
    const money = { plannedYuan: yuan('plannedYuan'), signedYuan: yuan('signedYuan'), landedYuan: yuan('landedYuan') };
    if (Object.values(money).some(v => !Number.isFinite(v) || v < 0)) { alertIn(message, new Error('金额须为非负数 · Amounts are yuan, not negative.')); return; }
    const milestones = [...editor.querySelectorAll('tbody tr')].map((tr, i) => ({
      id: tr.dataset.id || `m${Date.now().toString(36)}${i}`, title: tr.querySelector('[name=title]').value.trim(),
      due: tr.querySelector('[name=due]').value, percentComplete: Number(tr.querySelector('[name=percent]').value),
    }));
    try {
      state.project = await send('PUT', `/api/v1/projects/${encodeURIComponent(id)}/progress`, { money, milestones }, { headers: { 'If-Match': `"${state.project.version}"` } });
      message.className = 'notice';
      message.textContent = t('saved');
      await render();
      fill();
      changes.reload();
    } catch (error) {
      alertIn(message, error.status === 412 ? new Error(t('stale')) : error);
    }
  });
}

start().catch(failed);
