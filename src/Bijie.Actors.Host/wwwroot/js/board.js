import { t, lang } from './i18n.js';
import { figure, yoy, escape, count, money } from './format.js';
import { get } from './api.js';
import { LEVELS } from './approval-levels.js';

/** The year switch offers the programme's live years up to this one. */
export function yearsUpTo(latest) {
  const last = Math.max(latest, new Date().getFullYear());
  const years = [];
  for (let y = last; y >= 2019; y--) years.push(y);
  return years;
}

/** A board's path: live, or as the ledger stood at the end of a day (asOf, YYYY-MM-DD). */
export function boardPath(kind, code, year, asOf = null) {
  const base = kind === 'locality' ? `/api/v1/boards/${code}` : `/api/v1/boards/${kind}/${encodeURIComponent(code)}`;
  const query = new URLSearchParams();
  if (year) query.set('year', year);
  if (asOf) query.set('asOf', asOf);
  return query.size ? `${base}?${query}` : base;
}

export async function loadBoard(kind, code, year, asOf = null) {
  return get(boardPath(kind, code, year, asOf));
}

export function indicatorName(f) {
  return lang() === 'en' ? f.nameEn : f.nameZh;
}

/**
 * The figures of a board as text: name, value with its unit, year-over-year change. Each figure carries its
 * indicator, scope and raw value as data attributes (for tests and assistive tools).
 */
export function renderFigures(container, board, codes = null, { nonZero = false } = {}) {
  const entries = Object.entries(board.indicators).filter(([code, f]) =>
    (!codes || codes.includes(code)) && (!nonZero || Number(f.value) !== 0 || (f.previousValue ?? 0) !== 0));
  if (!entries.length) {
    container.innerHTML = `<p class="muted">${t('none')}</p>`;
    return;
  }
  container.innerHTML = entries.map(([code, f]) => {
    const change = yoy(f.yoyPercent);
    const trend = f.yoyPercent > 0 ? 'up' : f.yoyPercent < 0 ? 'down' : 'flat';
    // The value and its change share a line; a figure without last year's has no change to show (the tile says nothing
    // rather than "no previous year" on every tile), and the reviewed share shows once the office has approved some.
    const reviewed = (Number(f.reviewedPercent) > 0
      ? `<span class="reviewed" data-reviewed="${f.reviewedValue}" title="${escape(t('reviewedHint'))}">${t('reviewed')} ${f.reviewedPercent}%</span>` : '')
      // The share each level approved (逐级审核), lowest level first.
      + LEVELS.filter(level => Number(f.approvedPercent?.[level]) > 0)
        .map(level => `<span class="approved" data-level="${level}" title="${escape(t('approvedHint'))}">${t('approvedBy_' + level)} ${f.approvedPercent[level]}%</span>`).join('');
    return `<div class="figure" data-indicator="${code}" data-scope="${escape(board.scope)}" data-value="${f.value}">
      <span class="name">${escape(indicatorName(f))}</span>
      <span class="line"><span class="value">${escape(figure(f.value, f.unit))}</span>${change
        ? `<span class="yoy ${trend}" title="${escape(t('yoy'))}">${change}</span>` : `<span class="yoy none" title="${escape(t('noPrevious'))}"></span>`}${reviewed}</span>
    </div>`;
  }).join('');
}

/** The project library funnel as text and as a chart. */
export function renderFunnel(list, chart, board) {
  const stages = ['InLibrary', 'Planned', 'InProgress', 'Completed', 'Accepted'];
  list.innerHTML = stages.map(s => `<li data-stage="${s}" data-value="${board.funnel[s] ?? 0}"><span>${t('stage_' + s)}</span> <b>${count(board.funnel[s] ?? 0)}</b></li>`).join('');
  chart?.setOption({
    backgroundColor: 'transparent',
    tooltip: { trigger: 'item' },
    series: [{
      type: 'funnel', sort: 'none', left: '8%', width: '84%', top: 8, bottom: 8, minSize: '20%',
      label: { show: true, position: 'inside', formatter: p => `${p.name} ${count(p.value)}` },
      data: stages.map(s => ({ name: t('stage_' + s), value: board.funnel[s] ?? 0 })),
    }],
  });
}

/** One ticker line. */
export function tickerLine(item, indicators) {
  const values = Object.entries(item.values).map(([code, v]) => {
    const ind = indicators[code];
    return ind ? `${lang() === 'en' ? ind.nameEn : ind.nameZh} ${figure(v, ind.unit)}` : `${code} ${v}`;
  }).join('，');
  // The report's own date (what it reports on), the year left out when it is this year's; the recording time on hover.
  const recorded = new Date(item.recordedAt).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
  const date = String(item.date).startsWith(String(new Date().getFullYear())) ? String(item.date).slice(5) : String(item.date);
  return `<li data-report="${item.reportId}" class="${item.reversal ? 'reversal' : ''}"><time datetime="${escape(item.date)}" title="${escape(t('recordedAt'))} ${escape(recorded)}">${escape(date)}</time>
    <span class="where">${escape(item.localityName)}</span> <span class="who">${escape(item.reporterName)}</span>
    <span class="what">${escape(values)}</span></li>`;
}

export async function indicatorCatalogue() {
  const list = await get('/api/v1/indicators');
  return Object.fromEntries(list.map(i => [i.code, i]));
}

export function chart(element) {
  const instance = window.echarts.init(element, 'dark', { renderer: 'canvas' });
  // The panels settle their sizes after their tables fill in: follow the element, not only the window.
  new ResizeObserver(() => instance.resize()).observe(element);
  return instance;
}

export { money, count, figure };
