import { t, tf } from './i18n.js';

// 逐级审核: the levels as the API names them (lower case), lowest first, and what the pages show of them.

/** Every level that can approve, lowest first (the village level is off unless configured). */
export const LEVELS = ['village', 'township', 'county', 'city'];

/** The levels the approvals table and the summaries show. */
export const SHOWN = ['township', 'county', 'city'];

/** "待乡镇审核 3 批 · 待县级审定 1 批 · …": how many of the batches wait at each shown level. */
export const waitingByLevel = batches =>
  SHOWN.map(level => tf('waitingAt', { level: t('approvedBy_' + level), count: batches.filter(b => b.next?.toLowerCase() === level).length })).join(' · ');
