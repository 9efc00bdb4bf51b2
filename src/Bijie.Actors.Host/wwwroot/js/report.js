import { t, translate, lang, problemText } from './i18n.js';
import { get, all, send, currentSession, nameOf, ApiError } from './api.js';
import { layout, failed, pagerHtml } from './layout.js';
import { confirmDialog } from './dialog.js';
import { escape, figure, today } from './format.js';
import * as outbox from './outbox.js';

// 填报: a helper or an enterprise reports progress on its pairings and projects, and sees, corrects or withdraws its
// own reports. Office staff may report on anyone's behalf. Every write goes through the outbox with the idempotency
// key its draft got when it began, so a double click, Enter twice, a lost answer or a reload files it once, and a
// report made offline waits on the device until the network is back.
const PAGE = 20;
let session;
let subjects = [];
let catalogue = [];
let draft; // { key, correcting, subject, date, values, note }
let busy = false;
let page = 1;
let confirmedBody = null; // the report the reporter confirmed as it is, after the check answered warnings

const form = () => document.getElementById('report-form');
const draftKey = () => `bijie.report.draft.${session.userId}`;

async function start() {
  registerWorker();
  await layout({ titleKey: 'report', rerender: () => { translate(); drawValues(draft.values); drawSubjects(); showOutbox(); listMine(); } });
  session = await currentSession();
  const gate = document.getElementById('gate');
  if (!session) {
    gate.innerHTML = `<a href="/login.html?ReturnUrl=/report.html">${t('mustSignIn')}</a>`;
    return;
  }
  const org = session.organizationId;
  const filter = session.role === 'Helper' ? `helper=${encodeURIComponent(org)}` : session.role === 'Enterprise' ? `enterprise=${encodeURIComponent(org)}` : null;
  if (!filter && !['Office', 'Admin'].includes(session.role)) { gate.textContent = t('forbidden'); return; }
  const [pairings, projects, indicators] = await Promise.all([
    filter ? all(`/api/v1/pairings?${filter}&status=active`, 500) : Promise.resolve([]),
    session.role === 'Helper' ? all(`/api/v1/projects?${filter}`, 500) : Promise.resolve([]),
    get('/api/v1/indicators'),
  ]);
  catalogue = indicators.filter(i => i.reportable); // visits and expert service have their own records
  subjects = [
    ...await Promise.all(pairings.map(async p => ({ kind: 'pairing', id: p.id, label: t('kind_' + p.kind), place: await nameOf('locality', p.localityCode) }))),
    ...await Promise.all(projects.filter(p => p.status === 'InProgress').map(async p => ({ kind: 'project', id: p.id, label: p.title, place: await nameOf('locality', p.localityCode) }))),
  ];
  restoreDraft();
  // A returned report's notice opens this page on its subject, with the returned figures to correct and file again.
  const asked = new URLSearchParams(location.search);
  if (asked.get('subject') && subjects.some(s => `${s.kind}:${s.id}` === asked.get('subject'))) {
    const returned = asked.get('returned') ? await get(`/api/v1/reports/${encodeURIComponent(asked.get('returned'))}`).catch(() => null) : null;
    newDraft({ subject: asked.get('subject'), ...(returned ? { date: returned.date, values: returned.values, note: returned.note ?? '' } : {}) });
  }
  const f = form();
  if (!filter) {
    f.subject.outerHTML = `<input name="subject" required>`;
    f.subject.placeholder = t('onBehalfHint');
    document.getElementById('subject-search').hidden = true;
  }
  drawSubjects();
  fillForm();
  document.getElementById('report-panel').hidden = false;
  document.getElementById('mine-panel').hidden = false;
  document.getElementById('outbox-panel').hidden = false;
  f.addEventListener('submit', submit);
  f.addEventListener('input', () => {
    if (confirmedBody && !busy) { confirmedBody = null; f.querySelector('button[type=submit]').textContent = t('submit'); }
  });
  f.addEventListener('input', saveDraft);
  f.subject.addEventListener('change', () => { page = 1; listMine(); });
  f.date.addEventListener('change', () => { page = 1; listMine(); });
  document.getElementById('subject-search').addEventListener('input', drawSubjects);
  document.getElementById('cancel-correction').addEventListener('click', () => { newDraft({ subject: draft.subject }); fillForm(); });
  document.getElementById('mine-pages').addEventListener('click', e => {
    const step = Number(e.target.dataset.step);
    if (step) { page += step; listMine(); }
  });
  outbox.onChange(showOutbox);
  window.addEventListener('online', () => sendWaiting(true));
  window.addEventListener('offline', showNetwork);
  setInterval(() => sendWaiting(false), 15000);
  showNetwork();
  translate();
  await outbox.prune(session.userId);
  await showOutbox();
  await listMine();
  if (session.role === 'Helper') await listMatters().catch(() => {});
  document.body.dataset.ready = 'true';
  await sendWaiting(false);
}

/** The service worker that keeps this page and its data on the device, so that it opens offline. */
function registerWorker() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  }
}

// ---- the draft: what is being filled in, with its key, kept across reloads -------------------------------------

function newDraft(keep = {}) {
  draft = { key: crypto.randomUUID(), correcting: null, subject: null, date: today(), values: {}, note: '', ...keep };
  localStorage.setItem(draftKey(), JSON.stringify(draft));
}

function restoreDraft() {
  try {
    draft = JSON.parse(localStorage.getItem(draftKey()) ?? 'null');
  } catch {
    draft = null;
  }
  if (!draft?.key) newDraft();
}

function saveDraft() {
  const f = form();
  draft.subject = f.subject.value || draft.subject;
  draft.date = f.date.value;
  draft.note = f.note.value;
  draft.values = Object.fromEntries([...f.querySelectorAll('[data-indicator]')].filter(i => i.value.trim()).map(i => [i.dataset.indicator, i.value]));
  localStorage.setItem(draftKey(), JSON.stringify(draft));
  for (const el of f.querySelectorAll('.invalid')) el.classList.remove('invalid');
}

function fillForm() {
  const f = form();
  if (draft.subject && f.subject.tagName === 'SELECT' && ![...f.subject.options].some(o => o.value === draft.subject)) draft.subject = null;
  if (draft.subject) f.subject.value = draft.subject;
  f.date.value = draft.date || today();
  f.date.max = today();
  f.note.value = draft.note ?? '';
  drawValues(draft.values);
  const banner = document.getElementById('correcting');
  banner.hidden = !draft.correcting;
  banner.querySelector('span').textContent = draft.correcting ? `${t('correcting')} ${draft.correcting.summary}` : '';
  document.getElementById('cancel-correction').hidden = !draft.correcting;
  f.subject.disabled = !!draft.correcting;
  message('');
}

function drawSubjects() {
  const select = form().subject;
  if (select.tagName !== 'SELECT') return;
  const q = document.getElementById('subject-search').value.trim().toLowerCase();
  const chosen = select.value || draft?.subject;
  const shown = subjects.filter(s => !q || `${s.label} ${s.place}`.toLowerCase().includes(q) || `${s.kind}:${s.id}` === chosen);
  select.innerHTML = shown.map(s => `<option value="${s.kind}:${escape(s.id)}">${escape(s.place)} · ${escape(s.label)}</option>`).join('')
    || `<option value="" disabled selected>${t('none')}</option>`;
  if (chosen && shown.some(s => `${s.kind}:${s.id}` === chosen)) select.value = chosen;
}

function drawValues(values = {}) {
  document.getElementById('values').innerHTML = catalogue.map(i => `<label data-field="values.${i.code}"><span>${escape(indicatorName(i.code))} (${escape(i.unit)})</span>
    <input name="v:${i.code}" data-indicator="${i.code}" inputmode="decimal" value="${escape(values[i.code] ?? '')}"></label>`).join('');
}

function indicatorName(code) {
  const i = catalogue.find(x => x.code === code);
  return i ? (lang() === 'en' ? i.nameEn : i.nameZh) : code;
}

function fieldName(field) {
  return field.startsWith('values.') ? indicatorName(field.slice(7)) : t(field) ?? field;
}

function subjectOf(value) {
  const [kind, ...rest] = (value ?? '').split(':');
  return { kind, id: rest.join(':') };
}

function subjectLabel(value) {
  const s = subjects.find(x => `${x.kind}:${x.id}` === value);
  return s ? `${s.place} · ${s.label}` : subjectOf(value).id;
}

function valuesText(values) {
  const byCode = Object.fromEntries(catalogue.map(i => [i.code, i]));
  return Object.entries(values).map(([k, v]) => `${indicatorName(k)} ${figure(v, byCode[k]?.unit)}`).join('，');
}

/** A message under the form: an error in red (marking the field at fault), a success or a notice in green. */
function message(text, kind = 'notice', field = null) {
  const el = document.getElementById('report-message');
  el.textContent = text;
  el.className = text ? kind : '';
  for (const marked of form().querySelectorAll('.invalid')) marked.classList.remove('invalid');
  if (field) {
    const target = form().querySelector(`[data-field="${CSS.escape(field)}"]`) ?? form().querySelector(`[name="${CSS.escape(field)}"]`)?.closest('label');
    target?.classList.add('invalid');
    target?.querySelector('input, select, textarea')?.focus();
  }
}

// ---- sending ---------------------------------------------------------------------------------------------------

async function submit(e) {
  e.preventDefault();
  if (busy) return; // a second click or Enter while the first is in flight: the same draft, sent once
  saveDraft();
  const f = form();
  const values = {};
  for (const input of f.querySelectorAll('[data-indicator]')) {
    const raw = input.value.replace(/[,，\s]/g, '');
    if (!raw) continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) { message(`${indicatorName(input.dataset.indicator)}：${t('mustBeNumber')}`, 'error', `values.${input.dataset.indicator}`); return; }
    values[input.dataset.indicator] = n;
  }
  if (Object.keys(values).length === 0) { message(t('needOneValue'), 'error', 'values'); return; }
  const { kind, id } = subjectOf(f.subject.value);
  if (!id) { message(problemText({ code: 'report.subject' }), 'error', 'subject'); return; }
  const body = { pairingId: kind === 'pairing' ? id : null, projectId: kind === 'project' ? id : null, date: f.date.value, values, note: f.note.value.trim() || null };
  const item = {
    key: draft.key, user: session.userId, kind: draft.correcting ? 'correction' : 'report',
    path: draft.correcting ? `/api/v1/reports/${draft.correcting.id}/correction` : '/api/v1/reports',
    body, label: subjectLabel(f.subject.value), summary: `${body.date} · ${valuesText(values)}`, draft: { ...draft },
  };
  if (navigator.onLine && confirmedBody !== JSON.stringify(body) && !await checkFirst(body)) return;
  confirmedBody = null;
  setBusy(true);
  try {
    await outbox.put(item);
    const stored = await sendOne(item.key);
    if (stored?.status === 'done') {
      newDraft({ subject: f.subject.value, date: f.date.value });
      fillForm();
      // Accepted; a warning of the office's validation rules is said in words beside it (the office sees it in review).
      const warnings = (stored.receipt?.warnings ?? []).map(w => lang() === 'en' ? w.messageEn : w.messageZh);
      message(warnings.length ? `${t('accepted')} ${t('withWarnings')}${warnings.join('；')}` : t('accepted'), warnings.length ? 'warning' : 'notice');
      document.getElementById('report-message').insertAdjacentHTML('beforeend', ` <span data-report-id="${escape(stored.receipt?.id ?? '')}"></span>`);
      page = 1;
      await listMine();
    } else if (stored?.status === 'refused') {
      // Nothing was written under the key: the draft stays, with its key, for the reporter to put right.
      await outbox.remove(item.key);
      const field = stored.problem?.errors ? Object.keys(stored.problem.errors)[0] : null;
      message(problemText(stored.problem, fieldName), 'error', field);
    } else {
      // No answer: the item waits on the device under its key; the form is free for the next report.
      newDraft({ subject: f.subject.value, date: f.date.value });
      fillForm();
      message(t('savedOffline'), 'warning');
    }
  } finally {
    setBusy(false);
  }
}

/**
 * Before sending: the server checks the report as it would a submission and writes nothing. A refusal is said at once
 * (nothing goes to the outbox); warnings (a rule of the office's, an outlier) are said, and the report is sent only
 * when the reporter presses “submit anyway” on the same figures. Without an answer the report is sent as it is: the
 * server checks it again, and the outbox keeps it until then. Answers whether to send now.
 */
async function checkFirst(body) {
  setBusy(true);
  let warnings;
  try {
    warnings = (await send('POST', '/api/v1/reports/check', body))?.warnings ?? [];
  } catch (err) {
    if (err instanceof ApiError && [400, 403, 404, 409].includes(err.status)) {
      setBusy(false);
      const field = err.problem?.errors ? Object.keys(err.problem.errors)[0] : null;
      message(problemText(err.problem, fieldName), 'error', field);
      return false;
    }
    warnings = [];
  }
  setBusy(false);
  if (warnings.length === 0) return true;
  confirmedBody = JSON.stringify(body);
  message(`${t('checkBeforeSending')}${warnings.map(w => lang() === 'en' ? w.messageEn : w.messageZh).join('；')}`, 'warning',
    warnings[0].indicator ? `values.${warnings[0].indicator}` : 'date');
  form().querySelector('button[type=submit]').textContent = t('submitAnyway');
  return false;
}

function setBusy(on) {
  busy = on;
  const button = form().querySelector('button[type=submit]');
  button.disabled = on;
  button.textContent = t(on ? 'submitting' : 'submit');
  form().setAttribute('aria-busy', String(on));
}

/** Sends what waits (this item among them) and answers this item as it stands afterwards. */
async function sendOne(key) {
  await outbox.flush(session.userId);
  let stored = await outbox.find(key);
  if (stored?.status === 'pending' && navigator.onLine) {
    await outbox.flush(session.userId); // a flush that began before this item was put did not see it
    stored = await outbox.find(key);
  }
  return stored;
}

async function sendWaiting(announce) {
  showNetwork();
  if (!session || !navigator.onLine || (await outbox.waiting(session.userId)) === 0) return;
  const before = await outbox.list(session.userId);
  const left = await outbox.flush(session.userId);
  if (left === 0 && before.some(i => i.status === 'pending' || i.status === 'sending')) {
    if (announce) message(t('sentWaiting'), 'notice');
    await listMine();
  } else if (left > 0 && navigator.onLine && !await currentSession(true).catch(() => session)) {
    // Online, and still waiting because the session ended (a browser restarted offline drops its session cookie):
    // the reports stay on the device for this account and go once it has signed in again.
    document.getElementById('report-message').className = 'warning';
    document.getElementById('report-message').innerHTML =
      `${escape(t('signInToSend'))} <a id="sign-in-again" href="/login.html?ReturnUrl=%2Freport.html">${escape(t('signIn'))}</a>`;
  }
}

function showNetwork() {
  document.getElementById('offline-banner').hidden = navigator.onLine;
}

/** The device's outbox: what waits (待发送), what was just sent (已提交 ✓), what the server refused (需处理). */
async function showOutbox() {
  if (!session) return;
  const items = (await outbox.list(session.userId)).reverse();
  const list = document.getElementById('outbox');
  document.getElementById('outbox-panel').hidden = items.length === 0;
  list.innerHTML = items.map(i => `<li data-key="${escape(i.key)}" data-status="${i.status}">
      <b class="status">${t('out_' + i.status)}</b> <span>${t('out_' + i.kind)} · ${escape(i.label ?? '')}</span>
      <span class="muted">${escape(i.summary ?? '')}</span>
      ${i.status === 'refused' ? `<span class="error">${escape(problemText(i.problem, fieldName))}</span>
        ${i.draft ? `<button type="button" data-act="edit">${t('edit')}</button>` : ''} <button type="button" data-act="discard">${t('discard')}</button>` : ''}
    </li>`).join('');
  list.onclick = async e => {
    const key = e.target.closest('li[data-key]')?.dataset.key;
    const item = key && await outbox.find(key);
    if (!item) return;
    if (e.target.dataset.act === 'discard') {
      await outbox.remove(key);
    } else if (e.target.dataset.act === 'edit') {
      // Refused, so nothing was written under its key: the draft comes back with it.
      await outbox.remove(key);
      draft = { ...item.draft, key: item.key };
      localStorage.setItem(draftKey(), JSON.stringify(draft));
      drawSubjects();
      fillForm();
      message(problemText(item.problem, fieldName), 'error', item.problem?.errors ? Object.keys(item.problem.errors)[0] : null);
      form().scrollIntoView();
    }
  };
}

// ---- the reporter's own reports --------------------------------------------------------------------------------

async function listMine() {
  const table = document.getElementById('mine');
  const pager = document.getElementById('mine-pages');
  const { kind, id } = subjectOf(form().subject.value);
  if (!id) { table.innerHTML = ''; pager.innerHTML = ''; return; }
  const year = Number(form().date.value.slice(0, 4)) || new Date().getFullYear();
  let found;
  try {
    found = await get(`/api/v1/reports?${kind}=${encodeURIComponent(id)}&year=${year}&page=${page}&size=${PAGE}`);
  } catch (error) {
    table.innerHTML = `<tbody><tr><td class="error">${escape(error instanceof ApiError ? error.message : t('listOffline'))}</td></tr></tbody>`;
    return;
  }
  const reports = found.items;
  table.innerHTML = `<thead><tr><th>${t('date')}</th><th>${t('values')}</th><th>${t('note')}</th><th>${t('filedAt')}</th><th></th></tr></thead><tbody>` +
    (reports.map(r => `<tr data-report="${r.id}"><th>${r.date}</th>
      <td>${escape(valuesText(r.values))}</td>
      <td class="note">${escape(r.note ?? '')}</td>
      <td>${escape(new Date(r.recordedAt).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }))}</td>
      <td class="actions"><button type="button" data-act="correct">${t('correct')}</button> <button type="button" data-act="withdraw">${t('withdraw')}</button></td></tr>`).join('')
      || `<tr><td colspan="5">${t('none')}</td></tr>`) + '</tbody>';
  pager.innerHTML = pagerHtml(page, found.total, PAGE);
  table.onclick = async e => {
    const row = e.target.closest('tr[data-report]');
    const report = row && reports.find(r => r.id === row.dataset.report);
    if (!report) return;
    if (e.target.dataset.act === 'withdraw') {
      await withdraw(report);
    } else if (e.target.dataset.act === 'correct') {
      newDraft({ subject: form().subject.value, date: report.date, values: report.values, note: report.note ?? '',
        correcting: { id: report.id, summary: `${report.date} · ${valuesText(report.values)}` } });
      fillForm();
      form().scrollIntoView();
    }
  };
}

async function withdraw(report) {
  const reason = await confirmDialog({ title: t('withdrawTitle'), message: `${t('withdrawConfirm')}\n${report.date} · ${valuesText(report.values)}`, reason: true, confirmText: t('withdraw') });
  if (!reason) return;
  const key = crypto.randomUUID();
  await outbox.put({ key, user: session.userId, kind: 'withdrawal', path: `/api/v1/reports/${report.id}/reversal`, body: { reason },
    label: subjectLabel(form().subject.value), summary: `${report.date} · ${valuesText(report.values)}` });
  const stored = await sendOne(key);
  if (stored?.status === 'done') {
    message(t('withdrawnDone'), 'notice');
    await listMine();
  } else if (stored?.status === 'refused') {
    await outbox.remove(key);
    message(problemText(stored.problem, fieldName), 'error');
  } else {
    message(t('savedOffline'), 'warning');
  }
}

/** The support matters assigned to this helper: it undertakes (承办) and concludes (办结) them. */
async function listMatters() {
  const panel = document.getElementById('matters-panel');
  const table = document.getElementById('matters');
  const items = await all('/api/v1/matters');
  panel.hidden = false;
  const next = { Assigned: 'Undertaken', Undertaken: 'Concluded' };
  table.innerHTML = `<thead><tr><th>${t('title_')}</th><th>${t('dueOn')}</th><th>${t('status')}</th><th>${t('nextStep')}</th></tr></thead><tbody>` +
    (items.map(m => `<tr data-matter="${escape(m.id)}" data-at="${escape(m.step)}" class="${m.overdue ? 'overdue' : ''}"><th>${escape(m.title)}</th>
      <td>${m.due}${m.overdue ? ` <b class="error">${t('overdue')}</b>` : ''}</td><td>${t('step_' + m.step)}</td>
      <td>${next[m.step] ? `<button type="button" data-step="${next[m.step]}">${t('step_' + next[m.step])}</button>` : ''}</td></tr>`).join('')
      || `<tr><td colspan="4">${t('none')}</td></tr>`) + '</tbody>';
  table.onclick = async e => {
    const row = e.target.closest('tr[data-matter]');
    if (!row || !e.target.dataset.step) return;
    e.target.disabled = true;
    try {
      await send('POST', `/api/v1/matters/${encodeURIComponent(row.dataset.matter)}/steps`, { step: e.target.dataset.step, note: null });
      await listMatters();
    } catch (error) {
      e.target.disabled = false;
      await confirmDialog({ title: t('matters'), message: error.message });
    }
  };
}

start().catch(failed);
