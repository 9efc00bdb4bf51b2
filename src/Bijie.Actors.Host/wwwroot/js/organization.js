import { t, translate } from './i18n.js';
import { get, all, nameOf } from './api.js';
import { layout, params, failed } from './layout.js';
import { escape } from './format.js';
import { connectLive, touches, coalesce } from './live.js';
import { yearsUpTo, loadBoard, renderFigures } from './board.js';
import { changesPanel } from './changes.js';

// A helper organisation (?helper=id) or an enterprise (?enterprise=credit code): who it is, its live figures,
// its pairings and its projects.
const kind = params().has('enterprise') ? 'enterprise' : 'helper';
const key = params().get(kind);
const boardKind = kind === 'helper' ? 'helpers' : 'enterprises';
const state = { year: null, org: null, board: null, pairings: [], projects: [] };
let changes = { rerender: () => {} };

async function start() {
  state.org = await get(kind === 'helper' ? `/api/v1/helpers/${encodeURIComponent(key)}` : `/api/v1/enterprises/${encodeURIComponent(key)}`);
  state.board = await loadBoard(boardKind, key, null);
  state.year = state.board.year;
  const name = state.org.nameZh ?? state.org.name;
  document.title = `${name} — ${document.title}`;
  await layout({ titleText: name, live: true, years: yearsUpTo(state.year), year: state.year,
    onYear: async y => { state.year = y; await loadAll(); await render(); }, rerender: async () => { await render(); changes.rerender?.(); } });
  document.getElementById('projects-panel').hidden = kind !== 'helper';
  await loadAll();
  await render();
  // Every change of the organisation's record (the office's).
  changes = await changesPanel(document.getElementById('changes'), `/api/v1/${boardKind}/${encodeURIComponent(key)}/history`);
  document.body.dataset.ready = 'true';
  connectLive({
    scopes: () => [state.board.scope],
    onChanged: change => { if (touches(change, state.year)) reload(); },
    onResync: () => loadAll().then(render),
  });
}

async function loadAll() {
  const filter = kind === 'helper' ? `helper=${encodeURIComponent(key)}` : `enterprise=${encodeURIComponent(key)}`;
  [state.board, state.pairings, state.projects] = await Promise.all([
    loadBoard(boardKind, key, state.year),
    all(`/api/v1/pairings?${filter}&year=${state.year}`, 400),
    kind === 'helper' ? all(`/api/v1/projects?${filter}&year=${state.year}`, 400) : Promise.resolve([]),
  ]);
}

const reload = coalesce(async () => { await loadAll(); await render(); });
const placeName = c => (c ? nameOf('locality', c) : Promise.resolve('—'));

async function render() {
  translate();
  const o = state.org;
  document.getElementById('overview').innerHTML = kind === 'helper'
    ? `<div><dt>${t('name')}</dt><dd>${escape(o.nameZh)}${o.nameEn ? `<br><small class="muted" lang="en">${escape(o.nameEn)}</small>` : ''}</dd></div>
       <div><dt>${t('kind')}</dt><dd>${escape(t('helperKind_' + o.kind))}</dd></div>
       <div><dt>${t('domain')}</dt><dd>${o.strengths.map(s => t('track_' + s.toLowerCase())).join('、') || '—'}</dd></div>`
    : `<div><dt>${t('name')}</dt><dd>${escape(o.name)}</dd></div>
       <div><dt>统一社会信用代码 · Credit code</dt><dd>${escape(o.creditCode)}</dd></div>
       <div><dt>${t('kind')}</dt><dd>${escape(o.industry ?? '—')}</dd></div>
       <div><dt>${t('locality')}</dt><dd>${escape(o.province ?? '—')}</dd></div>`;
  renderFigures(document.getElementById('figures'), state.board, null, { nonZero: true });
  const rows = await Promise.all(state.pairings.map(async p => `<tr data-pairing="${escape(p.id)}"><th><a href="/locality.html?code=${p.localityCode}">${escape(await placeName(p.localityCode))}</a></th>
    <td>${t('kind_' + p.kind)}</td><td>${p.start}</td><td>${t('status_' + p.status)}</td></tr>`));
  document.getElementById('pairings').innerHTML = `<thead><tr><th>${t('locality')}</th><th>${t('kind')}</th><th>${t('start')}</th><th>${t('status')}</th></tr></thead><tbody>` +
    (rows.join('') || `<tr><td colspan="4">${t('none')}</td></tr>`) + '</tbody>';
  const projects = await Promise.all(state.projects.map(async p => `<tr data-project="${escape(p.id)}"><th><a href="/project.html?id=${encodeURIComponent(p.id)}">${escape(p.title)}</a></th>
    <td>${t('track_' + p.track.toLowerCase())}</td><td>${escape(await placeName(p.localityCode))}</td><td>${t('status_' + p.status)}</td></tr>`));
  document.getElementById('projects').innerHTML = `<thead><tr><th>${t('title_')}</th><th>${t('domain')}</th><th>${t('locality')}</th><th>${t('status')}</th></tr></thead><tbody>` +
    (projects.join('') || `<tr><td colspan="4">${t('none')}</td></tr>`) + '</tbody>';
}

start().catch(failed);
