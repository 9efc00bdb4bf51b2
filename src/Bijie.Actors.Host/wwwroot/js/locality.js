import { t, tf, translate, lang } from './i18n.js';
import { get, all, nameOf } from './api.js';
import { layout, params, failed } from './layout.js';
import { escape, count } from './format.js';
import { connectLive, touches, coalesce } from './live.js';
import { yearsUpTo, loadBoard, renderFigures, renderFunnel, tickerLine, indicatorCatalogue, chart, figure, indicatorName } from './board.js';

// The drill-down: city → county → township → village (?code=), or a domain (?track=): the same figures at each
// level, what lies below with its figures, and the pairings and projects there.
const code = params().get('code');
const track = params().get('track');
// asOf: the figures as the ledger stood at the end of that day (live updates paused); since: a day to compare with.
const state = { year: null, board: null, locality: null, children: {}, pairings: [], projects: [], ticker: [], asOf: params().get('asOf'), since: params().get('since'), sinceBoard: null };
let catalogue;
let funnelChart;

async function start() {
  catalogue = await indicatorCatalogue();
  if (code) state.locality = await get(`/api/v1/localities/${encodeURIComponent(code)}`);
  state.board = await loadBoard(code ? 'locality' : 'domains', code ?? track, null, state.asOf);
  state.year = state.board.year;
  document.title = `${state.board.name} — ${document.title}`;
  await layout({ titleText: code ? state.locality.name : null, titleKey: 'byDomain', live: true, years: yearsUpTo(state.year), year: state.year,
    onYear: async y => { state.year = y; if (await loadAll()) render(); }, rerender: render });
  funnelChart = chart(document.getElementById('funnel-chart'));
  if (!code) {
    for (const id of ['children-panel', 'pairings-panel', 'projects-panel']) document.getElementById(id).hidden = true;
  } else if (!state.locality.children.length) {
    document.getElementById('children-panel').hidden = true;
  }
  setUpAsOf();
  await loadAll();
  render();
  document.body.dataset.ready = 'true';
  connectLive({
    scopes: () => [state.board.scope, ...Object.values(state.children).map(b => b.scope)],
    onChanged: change => {
      if (state.asOf || !touches(change, state.year)) return; // a board as of a past day does not change
      if (change.scope === state.board.scope) { reloadBoard(); if (code) reloadLists(); }
      else reloadChild(change.scope.slice(2));
    },
    onReported: item => {
      if (new Date(item.date).getFullYear() !== state.year || state.ticker.some(x => x.reportId === item.reportId)) return;
      state.ticker.unshift(item);
      state.ticker.length = Math.min(state.ticker.length, 8);
      renderTicker();
    },
    onResync: async () => { if (await loadAll()) await render(); },
  });
}

/** Reads what the page shows for the year selected; an answer for a year or a day no longer selected is dropped (false). */
async function loadAll() {
  const y = state.year;
  const [boards, rest] = await Promise.all([
    loadBoards(),
    code ? Promise.all([
      get(`/api/v1/boards/${code}/latest-reports?year=${y}&count=8`),
      get(`/api/v1/needs/summary?locality=${code}`).catch(() => null),
      readLists(y),
    ]) : null,
  ]);
  if (!boards || y !== state.year) return false;
  if (rest) [state.ticker, state.needs, [state.pairings, state.projects]] = rest;
  return true;
}

/** The boards of the place and of what lies below it, live or as of the day chosen, and the board of the day compared with. */
async function loadBoards() {
  const y = state.year;
  const point = `${state.asOf}|${state.since}`;
  const kind = code ? 'locality' : 'domains';
  const [board, sinceBoard, children] = await Promise.all([
    loadBoard(kind, code ?? track, y, state.asOf),
    state.since ? loadBoard(kind, code ?? track, y, state.since) : null,
    code ? Promise.all(state.locality.children.map(c => loadBoard('locality', c.code, y, state.asOf))) : [],
  ]);
  if (y !== state.year || point !== `${state.asOf}|${state.since}`) return false;
  state.board = board;
  state.sinceBoard = sinceBoard;
  if (code) state.children = Object.fromEntries(children.map(b => [b.code, b]));
  return true;
}

function readLists(y) {
  return Promise.all([
    all(`/api/v1/pairings?locality=${code}&year=${y}`, 400),
    all(`/api/v1/projects?locality=${code}&year=${y}`, 400),
  ]);
}

const reloadBoard = coalesce(async () => {
  const y = state.year;
  const board = await loadBoard(code ? 'locality' : 'domains', code ?? track, y);
  if (y !== state.year) return;
  state.board = board;
  renderBoard();
});
const reloadLists = coalesce(async () => {
  const y = state.year;
  const lists = await readLists(y);
  if (y !== state.year) return;
  [state.pairings, state.projects] = lists;
  await renderLists();
});
const childLoaders = new Map();
function reloadChild(childCode) {
  if (!childLoaders.has(childCode)) {
    childLoaders.set(childCode, coalesce(async () => {
      const y = state.year;
      const board = await loadBoard('locality', childCode, y);
      if (y !== state.year) return;
      state.children[childCode] = board;
      renderChildren();
    }));
  }
  childLoaders.get(childCode)();
}

async function render() {
  translate();
  renderHeading();
  renderBoard();
  renderChildren();
  renderTicker();
  renderNeeds();
  await renderLists();
}

/** Needs posted here and below: open, matched, fulfilled, by domain. */
function renderNeeds() {
  const panel = document.getElementById('needs-panel');
  const needs = state.needs;
  panel.hidden = !code || !needs;
  if (panel.hidden) return;
  const statuses = ['Open', 'Matched', 'Fulfilled'];
  const domains = ['technology', 'industry', 'education', 'health', 'talent'];
  document.getElementById('needs').innerHTML = `<thead><tr><th>${t('domain')}</th>${statuses.map(st => `<th>${t('need_' + st)}</th>`).join('')}</tr></thead><tbody>` +
    domains.map(d => `<tr data-domain="${d}"><th>${t('track_' + d)}</th>${statuses.map(st => `<td>${count(needs.byDomain[d]?.[st] ?? 0)}</td>`).join('')}</tr>`).join('') +
    `<tr><th>${t('total')}</th>${statuses.map(st => `<td data-need-status="${st}">${count(needs.total[st] ?? 0)}</td>`).join('')}</tr></tbody>` +
    (needs.meanDaysToMatch !== null ? `<caption>${t('meanDays')}: ${needs.meanDaysToMatch}</caption>` : '');
}

function renderHeading() {
  const crumbs = document.getElementById('breadcrumb');
  if (code) {
    crumbs.innerHTML = state.locality.lineage.map(l => `<a href="${l.code === '5205' ? '/' : `/locality.html?code=${l.code}`}">${escape(l.name)}</a>`).join('') +
      `<span aria-current="page">${escape(state.locality.name)}</span>`;
    document.getElementById('heading').innerHTML = `${escape(state.locality.name)} <small class="muted">${t('level_' + state.locality.level)} · ${state.locality.code}</small>`;
  } else {
    crumbs.innerHTML = `<a href="/">${t('home')}</a><span aria-current="page">${t('track_' + track)}</span>`;
    document.getElementById('heading').textContent = `${t('byDomain')} · ${t('track_' + track)}`;
  }
}

function renderBoard() {
  renderFigures(document.getElementById('figures'), state.board);
  renderFunnel(document.getElementById('funnel-list'), funnelChart, state.board);
  renderAsOf();
}

/** The day picker: the figures as of the end of a day, and what changed since another day; kept in the address. */
function setUpAsOf() {
  const form = document.getElementById('as-of');
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); // the programme's day (China Standard Time)
  form.asOf.max = today;
  form.since.max = today;
  form.asOf.value = state.asOf ?? '';
  form.since.value = state.since ?? '';
  // Only the boards depend on the day: the lists, needs and ticker are not read again. One read at a time; a change
  // made meanwhile is read once after it.
  const reload = coalesce(async () => {
    if (await loadBoards()) { renderBoard(); renderChildren(); }
  });
  const apply = () => {
    state.asOf = form.asOf.value || null;
    state.since = form.since.value || null;
    const query = params();
    for (const [key, value] of [['asOf', state.asOf], ['since', state.since]]) value ? query.set(key, value) : query.delete(key);
    history.replaceState(null, '', `${location.pathname}?${query}`);
    return reload();
  };
  form.addEventListener('change', apply);
  document.getElementById('as-of-live').addEventListener('click', () => { form.asOf.value = ''; form.since.value = ''; apply(); });
}

function renderAsOf() {
  const note = document.getElementById('as-of-note');
  note.hidden = !state.asOf;
  if (state.asOf) note.textContent = tf('asOfNote', { day: state.asOf, position: state.board.position ?? 0 });
  document.getElementById('as-of-live').hidden = !state.asOf && !state.since;
  // The ticker is the latest reports as they come: not shown for a past day.
  for (const id of ['h-ticker', 'ticker']) document.getElementById(id).hidden = !!state.asOf;
  const table = document.getElementById('changes');
  table.hidden = !state.since || !state.sinceBoard;
  if (table.hidden) return;
  const rows = Object.entries(state.board.indicators)
    .map(([k, f]) => [k, f, state.sinceBoard.indicators[k]?.value ?? 0])
    .filter(([, f, before]) => Number(f.value) !== Number(before));
  table.innerHTML = `<caption>${escape(tf('changesTitle', { from: state.since, to: state.asOf ?? t('nowLabel') }))}</caption>
    <thead><tr><th>${t('name')}</th><th>${escape(state.since)}</th><th>${escape(state.asOf ?? t('nowLabel'))}</th><th>${t('change')}</th></tr></thead><tbody>` +
    (rows.map(([k, f, before]) => {
      const unit = catalogue[k]?.unit ?? f.unit;
      const delta = Number(f.value) - Number(before);
      return `<tr data-indicator="${k}" data-change="${delta}"><th>${escape(indicatorName(f))}</th><td>${escape(figure(before, unit))}</td><td>${escape(figure(f.value, unit))}</td>
        <td>${delta > 0 ? '+' : ''}${escape(figure(delta, unit))}</td></tr>`;
    }).join('') || `<tr><td colspan="4">${t('noChanges')}</td></tr>`) + '</tbody>';
}

function renderChildren() {
  if (!code || !state.locality.children.length) return;
  const cols = ['projects_total', 'township_pairing_units', 'enterprise_pairing_enterprises', 'investment_signed_yuan', 'people_trained'];
  document.getElementById('children').innerHTML =
    `<thead><tr><th>${t('name')}</th>${cols.map(c => `<th>${escape(indicatorName(catalogue[c]))}</th>`).join('')}</tr></thead><tbody>` +
    state.locality.children.map(c => {
      const b = state.children[c.code];
      return `<tr data-code="${c.code}"><th><a href="/locality.html?code=${c.code}">${escape(c.name)}</a></th>${cols.map(k =>
        `<td data-indicator="${k}" data-value="${b?.indicators[k]?.value ?? 0}">${escape(figure(b?.indicators[k]?.value ?? 0, catalogue[k].unit))}</td>`).join('')}</tr>`;
    }).join('') + '</tbody>';
}

function renderTicker() {
  const list = document.getElementById('ticker');
  list.innerHTML = state.ticker.length ? state.ticker.map(i => tickerLine(i, catalogue)).join('') : `<li class="empty">${t('none')}</li>`;
}

const placeName = localityCode => localityCode === code ? state.locality.name : nameOf('locality', localityCode);

async function renderLists() {
  if (!code) return;
  const pairingRows = await Promise.all(state.pairings.map(async p => {
    const partner = p.enterpriseCode
      ? `<a href="/organization.html?enterprise=${p.enterpriseCode}">${escape(await nameOf('enterprise', p.enterpriseCode))}</a>`
      : `<a href="/organization.html?helper=${encodeURIComponent(p.helperId)}">${escape(await nameOf('helper', p.helperId))}</a>`;
    return `<tr data-pairing="${escape(p.id)}"><th>${partner}</th><td>${t('kind_' + p.kind)}</td><td>${escape(await placeName(p.localityCode))}</td>
      <td>${p.start}</td><td>${t('status_' + p.status)}</td></tr>`;
  }));
  document.getElementById('pairings').innerHTML =
    `<thead><tr><th>${t('helper')} / ${t('enterprise')}</th><th>${t('kind')}</th><th>${t('locality')}</th><th>${t('start')}</th><th>${t('status')}</th></tr></thead><tbody>` +
    (pairingRows.join('') || `<tr><td colspan="5">${t('none')}</td></tr>`) + '</tbody>';
  const projectRows = await Promise.all(state.projects.map(async p =>
    `<tr data-project="${escape(p.id)}"><th><a href="/project.html?id=${encodeURIComponent(p.id)}">${escape(p.title)}</a></th><td>${t('track_' + p.track.toLowerCase())}</td>
      <td>${escape(await nameOf('helper', p.leadHelperId))}</td><td>${escape(await placeName(p.localityCode))}</td><td>${t('status_' + p.status)}</td></tr>`));
  document.getElementById('projects').innerHTML =
    `<thead><tr><th>${t('title_')}</th><th>${t('domain')}</th><th>${t('helper')}</th><th>${t('locality')}</th><th>${t('status')}</th></tr></thead><tbody>` +
    (projectRows.join('') || `<tr><td colspan="5">${t('none')}</td></tr>`) + '</tbody>';
}

start().catch(failed);
