import { t, translate, lang } from './i18n.js';
import { get, all, nameOf, currentSession } from './api.js';
import { layout, params } from './layout.js';
import { escape, money, figure } from './format.js';
import { connectLive, touches, coalesce } from './live.js';
import { yearsUpTo, loadBoard, renderFigures, indicatorCatalogue } from './board.js';

// A project: what it is, its live figures, its milestones, its status history and its reports.
const id = params().get('id');
const state = { year: null, project: null, board: null, history: [], reports: null };
let catalogue;

async function start() {
  catalogue = await indicatorCatalogue();
  state.project = await get(`/api/v1/projects/${encodeURIComponent(id)}`);
  state.board = await loadBoard('projects', id, null);
  state.year = state.board.year;
  document.title = `${state.project.title} — ${document.title}`;
  await layout({ titleText: state.project.title, live: true, years: yearsUpTo(state.year), year: state.year,
    onYear: async y => { state.year = y; await loadAll(); render(); }, rerender: render });
  await loadAll();
  await render();
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
}

const reload = coalesce(async () => { await loadAll(); await render(); });

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
    <div><dt>${t('helper')}</dt><dd><a href="/helper.html?id=${encodeURIComponent(p.leadHelperId)}">${escape(await nameOf('helper', p.leadHelperId))}</a></dd></div>
    <div><dt>${t('coHelpers')}</dt><dd>${co.length ? co.map(escape).join('、') : '—'}</dd></div>
    <div><dt>${t('budget')}</dt><dd>${money(p.money.plannedYuan)}</dd></div>
    <div><dt>${t('signed')} / ${t('landed')}</dt><dd>${money(p.money.signedYuan)} / ${money(p.money.landedYuan)}</dd></div>
    <div><dt>${t('proposedOn')}</dt><dd>${p.proposedOn}</dd></div>
    <div><dt>${t('responsible')}</dt><dd>${escape(p.responsibleStaffId)}</dd></div>`;
  renderFigures(document.getElementById('figures'), state.board, null, { nonZero: true });
  document.getElementById('milestones').innerHTML = `<thead><tr><th>${t('milestones')}</th><th>${t('dueOn')}</th><th>%</th></tr></thead><tbody>` +
    (p.milestones.map(m => `<tr><th>${escape(m.title)}</th><td>${m.due}</td><td><meter min="0" max="100" value="${m.percentComplete}"></meter> ${m.percentComplete}%</td></tr>`).join('')
      || `<tr><td colspan="3">${t('none')}</td></tr>`) + '</tbody>';
  document.getElementById('history').innerHTML = `<thead><tr><th>${t('status')}</th><th>${t('date')}</th><th>${t('reportedBy')}</th></tr></thead><tbody>` +
    state.history.map(h => `<tr><th>${t('status_' + h.status)}</th><td>${h.on}</td><td>${escape(h.by)}</td></tr>`).join('') + '</tbody>';
  const reports = document.getElementById('reports');
  if (state.reports === null) {
    reports.innerHTML = `<tbody><tr><td><a href="/login.html?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}">${t('signInToSee')}</a></td></tr></tbody>`;
  } else {
    reports.innerHTML = `<thead><tr><th>${t('date')}</th><th>${t('values')}</th><th>${t('reportedBy')}</th></tr></thead><tbody>` +
      (state.reports.map(r => `<tr data-report="${r.id}"><th>${r.date}</th><td>${escape(Object.entries(r.values).map(([k, v]) =>
        `${lang() === 'en' ? catalogue[k]?.nameEn : catalogue[k]?.nameZh} ${figure(v, catalogue[k]?.unit)}`).join('，'))}</td><td>${escape(r.reportedBy)}</td></tr>`).join('')
        || `<tr><td colspan="3">${t('none')}</td></tr>`) + '</tbody>';
  }
}

start().catch(e => {
  document.querySelector('main').insertAdjacentHTML('afterbegin', `<p class="error" role="alert">${escape(e.message)}</p>`);
});
