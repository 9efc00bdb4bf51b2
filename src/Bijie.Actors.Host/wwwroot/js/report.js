import { t, translate, lang } from './i18n.js';
import { get, all, send, currentSession, nameOf } from './api.js';
import { layout, alertIn, failed } from './layout.js';
import { escape, figure, today } from './format.js';

// 填报: a helper or an enterprise reports progress on its pairings and projects, and sees, corrects (a reversal
// and a new report) or withdraws (a reversal) its own reports. Office staff may report on anyone's behalf.
let subjects = [];
let catalogue = [];
let correcting = null;

async function start() {
  await layout({ titleKey: 'report', rerender: () => { translate(); drawValues(); listMine(); } });
  const session = await currentSession();
  const gate = document.getElementById('gate');
  if (!session) {
    gate.innerHTML = `<a href="/login.html?ReturnUrl=/report.html">${t('mustSignIn')}</a>`;
    return;
  }
  const org = session.organizationId;
  const filter = session.role === 'Helper' ? `helper=${encodeURIComponent(org)}` : session.role === 'Enterprise' ? `enterprise=${encodeURIComponent(org)}` : null;
  if (!filter && !['Office', 'Admin'].includes(session.role)) { gate.textContent = t('forbidden'); return; }
  const year = new Date().getFullYear();
  const [pairings, projects, indicators] = await Promise.all([
    filter ? all(`/api/v1/pairings?${filter}&status=active`, 500) : Promise.resolve([]),
    session.role === 'Helper' ? all(`/api/v1/projects?${filter}`, 500) : Promise.resolve([]),
    get('/api/v1/indicators'),
  ]);
  catalogue = indicators.filter(i => i.reportable); // visits and expert service have their own records
  subjects = [
    ...await Promise.all(pairings.map(async p => ({ kind: 'pairing', id: p.id, label: `${t('kind_' + p.kind)} · ${await nameOf('locality', p.localityCode)}` }))),
    ...projects.filter(p => p.status === 'InProgress').map(p => ({ kind: 'project', id: p.id, label: p.title })),
  ];
  const form = document.getElementById('report-form');
  form.subject.innerHTML = subjects.map(s => `<option value="${s.kind}:${escape(s.id)}">${escape(s.label)}</option>`).join('')
    || `<option value="" disabled selected>${t('none')}</option>`;
  if (!filter) {
    form.subject.outerHTML = `<input name="subject" placeholder="pairing:… / project:…" required>`;
  }
  form.date.value = today();
  form.date.max = today();
  document.getElementById('report-panel').hidden = false;
  document.getElementById('mine-panel').hidden = false;
  drawValues();
  form.addEventListener('submit', submit);
  form.subject.addEventListener?.('change', listMine);
  document.getElementById('cancel-correction').addEventListener('click', () => endCorrection());
  translate();
  await listMine();
  if (session.role === 'Helper') await listMatters();
  document.body.dataset.ready = 'true';
}

function drawValues(values = {}) {
  document.getElementById('values').innerHTML = catalogue.map(i => `<label>${escape(lang() === 'en' ? i.nameEn : i.nameZh)} (${escape(i.unit)})
    <input name="v:${i.code}" data-indicator="${i.code}" inputmode="decimal" value="${values[i.code] ?? ''}"></label>`).join('');
}

function chosenSubject() {
  const value = document.getElementById('report-form').subject.value;
  const [kind, ...rest] = value.split(':');
  return { kind, id: rest.join(':') };
}

async function submit(e) {
  e.preventDefault();
  const form = e.target;
  const message = document.getElementById('report-message');
  const values = {};
  for (const input of form.querySelectorAll('[data-indicator]')) {
    const raw = input.value.replace(/,/g, '').trim();
    if (!raw) continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) { alertIn(message, new Error(`${input.parentElement.textContent.trim()}: 须为数字 · must be a number`)); return; }
    values[input.dataset.indicator] = n;
  }
  const { kind, id } = chosenSubject();
  const body = { pairingId: kind === 'pairing' ? id : null, projectId: kind === 'project' ? id : null, date: form.date.value, values, note: form.note.value || null };
  try {
    // A correction withdraws the old report and files the new one; each write carries its own idempotency key,
    // so a retry after a lost answer files nothing twice.
    if (correcting) {
      await send('POST', `/api/v1/reports/${correcting}/reversal`, { reason: '更正 · correction' }, { idempotencyKey: crypto.randomUUID() });
    }
    const receipt = await send('POST', '/api/v1/reports', body, { idempotencyKey: crypto.randomUUID() });
    message.className = 'notice';
    message.innerHTML = `${t('accepted')} <span data-report-id="${receipt.id}"></span>`;
    endCorrection();
    await listMine();
  } catch (error) {
    alertIn(message, error);
  }
}

function endCorrection() {
  correcting = null;
  document.getElementById('cancel-correction').hidden = true;
  drawValues();
}

async function listMine() {
  const table = document.getElementById('mine');
  const { kind, id } = chosenSubject();
  if (!id) { table.innerHTML = ''; return; }
  const year = Number(document.getElementById('report-form').date.value.slice(0, 4)) || new Date().getFullYear();
  let reports = [];
  try {
    reports = await all(`/api/v1/reports?${kind}=${encodeURIComponent(id)}&year=${year}`, 500);
  } catch (error) {
    table.innerHTML = `<tbody><tr><td class="error">${escape(error.message)}</td></tr></tbody>`;
    return;
  }
  const byCode = Object.fromEntries(catalogue.map(i => [i.code, i]));
  table.innerHTML = `<thead><tr><th>${t('date')}</th><th>${t('values')}</th><th>${t('note')}</th><th></th></tr></thead><tbody>` +
    (reports.map(r => `<tr data-report="${r.id}"><th>${r.date}</th>
      <td>${escape(Object.entries(r.values).map(([k, v]) => `${lang() === 'en' ? byCode[k]?.nameEn : byCode[k]?.nameZh} ${figure(v, byCode[k]?.unit)}`).join('，'))}</td>
      <td>${escape(r.note ?? '')}</td>
      <td><button type="button" data-act="correct" data-i18n="correct"></button> <button type="button" data-act="withdraw" data-i18n="withdraw"></button></td></tr>`).join('')
      || `<tr><td colspan="4">${t('none')}</td></tr>`) + '</tbody>';
  translate(table);
  table.onclick = async e => {
    const row = e.target.closest('tr[data-report]');
    if (!row) return;
    const report = reports.find(r => r.id === row.dataset.report);
    if (e.target.dataset.act === 'withdraw') {
      const reason = prompt(t('reason'));
      if (!reason) return;
      try {
        await send('POST', `/api/v1/reports/${report.id}/reversal`, { reason }, { idempotencyKey: crypto.randomUUID() });
        await listMine();
      } catch (error) {
        alert(error.message);
      }
    } else if (e.target.dataset.act === 'correct') {
      correcting = report.id;
      const form = document.getElementById('report-form');
      form.date.value = report.date;
      drawValues(report.values);
      document.getElementById('cancel-correction').hidden = false;
      form.scrollIntoView();
    }
  };
}

/** The support matters assigned to this helper: it undertakes (承办) and concludes (办结) them. */
async function listMatters() {
  const panel = document.getElementById('matters-panel');
  const table = document.getElementById('matters');
  const items = await all('/api/v1/matters');
  panel.hidden = false;
  const next = { Assigned: 'Undertaken', Undertaken: 'Concluded' };
  table.innerHTML = `<thead><tr><th>${t('title_')}</th><th>${t('dueOn')}</th><th>${t('status')}</th><th>${t('nextStep')}</th></tr></thead><tbody>` +
    (items.map(m => `<tr data-matter="${escape(m.id)}" class="${m.overdue ? 'overdue' : ''}"><th>${escape(m.title)}</th>
      <td>${m.due}${m.overdue ? ` <b class="error">${t('overdue')}</b>` : ''}</td><td>${t('step_' + m.step)}</td>
      <td>${next[m.step] ? `<button type="button" data-step="${next[m.step]}">${t('step_' + next[m.step])}</button>` : ''}</td></tr>`).join('')
      || `<tr><td colspan="4">${t('none')}</td></tr>`) + '</tbody>';
  table.onclick = async e => {
    const row = e.target.closest('tr[data-matter]');
    if (!row || !e.target.dataset.step) return;
    try {
      await send('POST', `/api/v1/matters/${encodeURIComponent(row.dataset.matter)}/steps`, { step: e.target.dataset.step, note: null });
      await listMatters();
    } catch (error) {
      alert(error.message);
    }
  };
}

start().catch(failed);
