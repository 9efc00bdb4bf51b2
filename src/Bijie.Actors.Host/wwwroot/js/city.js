import { t, translate, lang } from './i18n.js';
import { get } from './api.js';
import { layout, failed } from './layout.js';
import { escape } from './format.js';
import { connectLive, touches, coalesce } from './live.js';
import { yearsUpTo, loadBoard, renderFigures, renderFunnel, tickerLine, indicatorCatalogue, chart, money, count, figure, indicatorName } from './board.js';

const CITY = '5205';
const TRACKS = ['regional', 'technology', 'industry', 'education', 'health', 'talent'];
// The map still names 黔西县 (黔西市 since 2021); the division list names the city.
const MAP_NAMES = { '黔西县': '黔西市' };
// The counties' English names (official romanisation), for the map's labels in English.
const COUNTY_EN = {
  520502: 'Qixingguan', 520521: 'Dafang', 520523: 'Jinsha', 520524: 'Zhijin', 520525: 'Nayong', 520526: 'Weining', 520527: 'Hezhang', 520581: 'Qianxi',
};
const countyLabel = (name, code) => (lang() === 'en' && COUNTY_EN[code] ? COUNTY_EN[code] : name);

const state = { year: null, city: null, counties: [], countyBoards: {}, trackBoards: {}, ticker: [], top: [], mapIndicator: 'projects_total' };
let catalogue;
let charts;

async function start() {
  catalogue = await indicatorCatalogue();
  const tree = await get('/api/v1/localities');
  state.counties = tree.children;
  state.city = await loadBoard('locality', CITY, null); // opens on the latest year with reports
  state.year = state.city.year;
  await layout({ titleKey: 'cityBoard', live: true, years: yearsUpTo(state.year), year: state.year, onYear: switchYear, rerender: render });
  translate();
  charts = {
    map: chart(document.getElementById('map')),
    domains: chart(document.getElementById('domain-chart')),
    funnel: chart(document.getElementById('funnel-chart')),
    money: chart(document.getElementById('money-chart')),
  };
  charts.map.on('click', p => { if (p.data?.code) location.href = `/locality.html?code=${p.data.code}`; });
  const select = document.getElementById('map-indicator');
  select.addEventListener('change', () => { state.mapIndicator = select.value; renderMap(); });
  await loadAll();
  render();
  document.body.dataset.ready = 'true';
  const live = connectLive({
    scopes: () => [state.city.scope, ...Object.values(state.countyBoards).map(b => b.scope), ...Object.values(state.trackBoards).map(b => b.scope)],
    // The city's and the counties' boards come pushed; the domains' are read when they change.
    boards: () => [CITY, ...state.counties.map(c => c.code)].map(code => [code, state.year]),
    onBoard: board => {
      if (board.year !== state.year) return;
      if (board.code === CITY) { state.city = board; loadTop(); } else { state.countyBoards[board.code] = board; }
      scheduleRender();
    },
    onChanged: change => {
      if (!touches(change, state.year) || live.pushes(change.scope.slice(2), state.year)) return;
      refresh(change.scope);
    },
    onReported: item => { if (new Date(item.date).getFullYear() === state.year) addTicker(item); },
    onResync: async () => { if (await loadAll()) await render(); },
  });
  state.live = live;
}

async function loadAll() {
  const y = state.year;
  const [city, counties, tracks, ticker, needs] = await Promise.all([
    loadBoard('locality', CITY, y),
    Promise.all(state.counties.map(c => loadBoard('locality', c.code, y))),
    Promise.all(TRACKS.map(tr => loadBoard('domains', tr, y))),
    get(`/api/v1/boards/${CITY}/latest-reports?year=${y}&count=12`),
    get('/api/v1/needs/summary').catch(() => null),
  ]);
  const since = await get('/api/v1/boards/since-1988').catch(() => []);
  // An answer for a year no longer selected is dropped: the year chosen since has its own read under way.
  if (y !== state.year) return false;
  state.needs = needs;
  state.since = since;
  state.city = city;
  state.countyBoards = Object.fromEntries(counties.map(b => [b.code, b]));
  state.trackBoards = Object.fromEntries(tracks.map(b => [b.code, b]));
  // A report heard live while this read was under way stays: the read may predate it.
  state.ticker = mergeTicker(ticker, state.ticker.filter(x => new Date(x.date).getFullYear() === y));
  loadTop();
  return true;
}

function mergeTicker(read, heard) {
  const byId = new Map([...heard, ...read].map(x => [x.reportId, x]));
  return [...byId.values()].sort((a, b) => new Date(b.recordedAt) - new Date(a.recordedAt)).slice(0, 12);
}

const loadTop = coalesce(async () => {
  const y = state.year;
  const top = await get(`/api/v1/boards/${CITY}/top-enterprises?year=${y}&count=4`).catch(() => state.top);
  if (y !== state.year) return;
  state.top = top;
  renderTop();
});

// One re-reader per scope: a burst of changes to a scope costs at most two reads of its board.
const refreshers = new Map();
function refresh(scope) {
  if (!refreshers.has(scope)) {
    refreshers.set(scope, coalesce(async () => {
      const code = scope.slice(2);
      const y = state.year;
      if (scope === state.city.scope) {
        const board = await loadBoard('locality', CITY, y);
        if (y !== state.year) return;
        state.city = board;
        loadTop();
      } else if (scope.startsWith('L:')) {
        const board = await loadBoard('locality', code, y);
        if (y !== state.year) return;
        state.countyBoards[code] = board;
      } else if (scope.startsWith('T:')) {
        const board = await loadBoard('domains', code, y);
        if (y !== state.year) return;
        state.trackBoards[code] = board;
      }
      render();
    }));
  }
  refreshers.get(scope)();
}

async function switchYear(year) {
  state.year = year;
  if (!await loadAll()) return; // another year was chosen meanwhile; its read shows it
  render();
  await state.live?.rewatch(); // the boards pushed are the new year's
}

// Pushed boards come up to five times a second each while reports pour in: the page redraws at most that often.
let renderPending = false;
function scheduleRender() {
  if (renderPending) return;
  renderPending = true;
  setTimeout(() => { renderPending = false; render(); }, 200);
}

function addTicker(item) {
  if (state.ticker.some(x => x.reportId === item.reportId)) return;
  state.ticker.unshift(item);
  state.ticker.length = Math.min(state.ticker.length, 12);
  renderTicker();
}

/**
 * The current year, while most figures that had a value last year have none yet, has barely begun: the header says
 * so and offers last year, the last complete one, one click away (a board of zeros is not news of a collapse).
 */
function renderYearNote() {
  const note = document.getElementById('year-note');
  if (!note) return;
  const figures = Object.values(state.city.indicators).filter(f => Number(f.previousValue ?? 0) > 0);
  const begun = figures.filter(f => Number(f.value) > 0).length;
  const barely = state.year === new Date().getFullYear() && figures.length > 0 && begun / figures.length < 0.5;
  note.hidden = !barely;
  note.innerHTML = barely
    ? `${escape(t('yearBarelyBegun'))} <button type="button" data-year="${state.year - 1}">${escape(t('seeYear').replace('{year}', state.year - 1))}</button>`
    : '';
  note.querySelector('button')?.addEventListener('click', () => {
    const select = document.getElementById('year-select');
    select.value = String(state.year - 1);
    select.dispatchEvent(new Event('change'));
  });
}

function render() {
  translate();
  renderYearNote();
  renderFigures(document.getElementById('city-figures'), state.city);
  renderSince();
  renderMapSelect();
  renderMap();
  renderCounties();
  renderDomains();
  renderFunnel(document.getElementById('funnel-list'), charts.funnel, state.city);
  renderMoney();
  renderPairings();
  renderTicker();
  renderTop();
}

/** The programme since 1988: the dated history plus what the ledger holds after it. */
function renderSince() {
  document.getElementById('since-figures').innerHTML = state.since.map(f => `<div class="figure" data-since="${escape(f.code)}" data-value="${f.total}">
    <span class="name">${escape(lang() === 'en' ? f.nameEn : f.nameZh)}</span>
    <span class="value">${escape(figure(f.total, f.unit))}</span>
    <span class="yoy none">${t('throughYear')} ${f.throughYear}: ${count(f.history)}${Number(f.live) ? ` + ${count(f.live)}` : ''}</span></div>`).join('');
}

function renderMapSelect() {
  const select = document.getElementById('map-indicator');
  select.innerHTML = Object.entries(state.city.indicators)
    .map(([code, f]) => `<option value="${code}" ${code === state.mapIndicator ? 'selected' : ''}>${escape(indicatorName(f))}</option>`).join('');
}

function renderMap() {
  const data = state.counties.map(c => ({
    name: c.name, code: c.code, value: Number(state.countyBoards[c.code]?.indicators[state.mapIndicator]?.value ?? 0),
  }));
  const max = Math.max(1, ...data.map(d => d.value));
  const unit = catalogue[state.mapIndicator]?.unit;
  const narrow = document.getElementById('map').clientWidth < 600;
  charts.map.setOption({
    backgroundColor: 'transparent',
    tooltip: { trigger: 'item', formatter: p => `${escape(countyLabel(p.name, p.data?.code))}<br>${escape(figure(p.value || 0, unit))}` },
    // On a narrow screen the colour scale lies flat under the map instead of over its south-west (威宁).
    visualMap: {
      min: 0, max, left: 10, bottom: 10, calculable: true, orient: narrow ? 'horizontal' : 'vertical', itemHeight: narrow ? 100 : 140,
      inRange: { color: ['#1d3c5e', '#3b82c4', '#f2c14e', '#d9472b'] }, textStyle: { color: '#cfd9e6' },
    },
    series: [{
      type: 'map', map: '毕节', nameMap: MAP_NAMES, roam: false, selectedMode: false, top: 10, bottom: narrow ? 60 : 10,
      label: { show: true, color: '#fff', fontSize: 13, formatter: p => countyLabel(p.name, p.data?.code) }, emphasis: { label: { color: '#fff' } },
      itemStyle: { borderColor: '#9fd3ff', borderWidth: 1 }, data,
    }],
  }, true);
}

function renderCounties() {
  const cols = ['projects_total', 'township_pairing_townships', 'enterprise_pairing_villages', 'investment_signed_yuan', 'investment_landed_yuan'];
  const head = `<thead><tr><th>${t('locality')}</th>${cols.map(c => `<th>${escape(indicatorName(catalogue[c]))}${catalogue[c].unit === '元' ? ` (${lang() === 'en' ? '100 M yuan' : '亿元'})` : ''}</th>`).join('')}</tr></thead>`;
  const rows = state.counties.map(c => {
    const b = state.countyBoards[c.code];
    return `<tr data-code="${c.code}"><th><a href="/locality.html?code=${c.code}">${escape(countyLabel(c.name, c.code))}</a></th>${cols.map(k =>
      `<td data-indicator="${k}" data-scope="${escape(b?.scope)}" data-value="${b?.indicators[k]?.value ?? 0}">${cell(b?.indicators[k]?.value ?? 0, catalogue[k].unit)}</td>`).join('')}</tr>`;
  }).join('');
  document.getElementById('county-table').innerHTML = head + `<tbody>${rows}</tbody>`;
}

/** A table cell: a count with separators, money in 亿元 with two decimals (the unit is in the header). */
function cell(value, unit) {
  return unit === '元' ? (Number(value) / 1e8).toFixed(2) : count(value);
}

function renderDomains() {
  const names = TRACKS.map(tr => t('track_' + tr));
  const under = TRACKS.map(tr => Number(state.trackBoards[tr]?.indicators.projects_total.value ?? 0));
  const library = TRACKS.map(tr => Number(state.trackBoards[tr]?.indicators.library_projects.value ?? 0));
  charts.domains.setOption({
    backgroundColor: 'transparent', tooltip: { trigger: 'axis' }, legend: { top: 0, textStyle: { color: '#cfd9e6' } },
    grid: { left: 40, right: 10, top: 30, bottom: 24 },
    xAxis: { type: 'category', data: names }, yAxis: { type: 'value' },
    series: [
      { name: indicatorName(catalogue.projects_total), type: 'bar', data: under },
      { name: indicatorName(catalogue.library_projects), type: 'bar', data: library },
    ],
  }, true);
  document.getElementById('domain-table').innerHTML =
    `<thead><tr><th>${t('domain')}</th><th>${escape(indicatorName(catalogue.projects_total))}</th><th>${escape(indicatorName(catalogue.library_projects))}</th></tr></thead><tbody>` +
    TRACKS.map((tr, i) => `<tr data-track="${tr}"><th><a href="/locality.html?track=${tr}">${t('track_' + tr)}</a></th><td>${count(under[i])}</td><td>${count(library[i])}</td></tr>`).join('') + '</tbody>';
}

function renderMoney() {
  const f = state.city.indicators;
  const signed = Number(f.investment_signed_yuan.value);
  const landed = Number(f.investment_landed_yuan.value);
  document.getElementById('money-figures').innerHTML = `
    <div><dt>${t('signed')}</dt><dd data-indicator="investment_signed_yuan" data-value="${signed}">${money(signed)}</dd></div>
    <div><dt>${t('landed')}</dt><dd data-indicator="investment_landed_yuan" data-value="${landed}">${money(landed)}</dd></div>
    <div><dt>${t('landedShare')}</dt><dd>${signed > 0 ? (landed / signed * 100).toFixed(2) + '%' : '—'}</dd></div>`;
  const cumulative = arr => arr.reduce((acc, v) => { acc.push((acc.at(-1) ?? 0) + Number(v) / 1e8); return acc; }, []);
  const months = Array.from({ length: 12 }, (_, i) => lang() === 'en' ? `M${i + 1}` : `${i + 1}月`);
  charts.money.setOption({
    backgroundColor: 'transparent', tooltip: { trigger: 'axis', valueFormatter: v => money(v * 1e8) },
    legend: { top: 0, textStyle: { color: '#cfd9e6' } }, grid: { left: 44, right: 10, top: 28, bottom: 22 },
    xAxis: { type: 'category', data: months }, yAxis: { type: 'value', name: lang() === 'en' ? '100 M' : '亿元' },
    series: [
      { name: t('signed'), type: 'line', smooth: true, areaStyle: {}, data: cumulative(state.city.months.investment_signed_yuan) },
      { name: t('landed'), type: 'line', smooth: true, areaStyle: {}, data: cumulative(state.city.months.investment_landed_yuan) },
    ],
  }, true);
}

function renderPairings() {
  const f = state.city.indicators;
  const pair = (a, b, label) => `<div><dt>${t(label)}</dt><dd>
    <span data-indicator="${a}" data-value="${f[a].value}">${escape(figure(f[a].value, f[a].unit))}</span> ↔
    <span data-indicator="${b}" data-value="${f[b].value}">${escape(figure(f[b].value, f[b].unit))}</span></dd></div>`;
  const townships = state.counties.reduce((n, c) => n + c.children.length, 0);
  const paired = Number(f.township_pairing_townships.value);
  document.getElementById('pairing-figures').innerHTML =
    pair('township_pairing_units', 'township_pairing_townships', 'unitsTownships') +
    pair('enterprise_pairing_enterprises', 'enterprise_pairing_villages', 'enterprisesVillages') +
    `<div class="wide"><dt>${t('townshipCoverage')}</dt><dd>${count(paired)} / ${count(townships)} (${townships ? (paired / townships * 100).toFixed(2) : '0.00'}%)</dd>
      <meter min="0" max="${townships}" value="${paired}"></meter></div>` +
    (state.needs ? `<div class="wide" id="needs-summary"><dt>${t('needs')}</dt><dd>${['Open', 'Matched', 'Fulfilled'].map(st =>
      `<span data-need-status="${st}" data-value="${state.needs.total[st] ?? 0}">${t('need_' + st)} ${count(state.needs.total[st] ?? 0)}</span>`).join(' · ')}${
      state.needs.meanDaysToMatch !== null ? ` · ${t('meanDays')} ${state.needs.meanDaysToMatch}` : ''}</dd></div>` : '');
}

function renderTicker() {
  document.getElementById('ticker').innerHTML = state.ticker.length
    ? state.ticker.map(item => tickerLine(item, catalogue)).join('')
    : `<li class="empty">${t('none')}</li>`;
}

function renderTop() {
  const table = document.getElementById('top-table');
  const yi = lang() === 'en' ? '100 M yuan' : '亿元';
  table.innerHTML = `<thead><tr><th>${t('enterprise')}</th><th>${t('villages')}</th><th>${t('signed')} (${yi})</th><th>${t('landed')} (${yi})</th></tr></thead><tbody>` +
    (state.top.length ? state.top.map(e => `<tr data-code="${e.creditCode}"><th><a href="/organization.html?enterprise=${e.creditCode}">${escape(e.name)}</a></th><td>${count(e.villages)}</td><td>${cell(e.signedYuan, '元')}</td><td>${cell(e.landedYuan, '元')}</td></tr>`).join('')
      : `<tr><td colspan="4">${t('none')}</td></tr>`) + '</tbody>';
}

start().catch(failed);
