import { lang, unit } from './i18n.js';

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/** Money (yuan) in 亿元 with two decimals: 18092000000 → "180.92 亿元"; in English "18.09B yuan", "0 yuan". */
export function money(yuan) {
  if (lang() === 'en') return `${compact.format(Number(yuan))} yuan`;
  return `${decimals.format(Number(yuan) / 1e8)} 亿元`;
}

/** A count with thousands separators: 213200 → "213,200". */
export function count(value) {
  return counts.format(Number(value));
}

/** An indicator's figure with its unit, as text. */
export function figure(value, zhUnit) {
  if (zhUnit === '元') return money(value);
  const u = unit(zhUnit, value);
  return u ? `${count(value)} ${u}` : count(value);
}

/** Year-over-year change: "+12.50%" / "−3.00%"; null when there is no previous year. */
export function yoy(percent) {
  if (percent === null || percent === undefined) return null;
  const p = Number(percent);
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${decimals.format(Math.abs(p))}%`;
}

export function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Today in the programme's time zone (Asia/Shanghai, UTC+8), as yyyy-mm-dd. */
export function today() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}
