import { t, translate } from './i18n.js';
import { get, all, send, nameOf } from './api.js';
import { alertIn } from './layout.js';
import { escape, today } from './format.js';
import { localityPicker } from './locality-picker.js';
import { historyButton } from './changes.js';

// 调研·专家·平台: research visits (the only source of the research_visit_* figures), expert teams with their
// service batches (expert_service_*), and the platforms (党外院士工作站, 科技小院).

const placeNames = codes => Promise.all(codes.map(c => nameOf('locality', c))).then(names => names.map(escape).join('、'));

export async function setUpEngagements(helperOptions) {
  const form = document.getElementById('visit-form');
  form.helperId.innerHTML = helperOptions;
  form.from.value = today();
  form.to.value = today();
  const picker = await localityPicker(document.getElementById('visit-place'));
  const places = [];
  const showPlaces = async () => { document.getElementById('visit-places').innerHTML = places.length ? await placeNames(places) : '—'; };
  document.getElementById('visit-add-place').addEventListener('click', async () => {
    const code = picker.value();
    if (code && !places.includes(code)) places.push(code);
    await showPlaces();
  });
  const message = document.getElementById('visit-message');
  // One key per visit being entered: a second click or a retry after a lost answer records it once.
  let visitKey = crypto.randomUUID();
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const personTimes = Number(form.personTimes.value);
    if (!Number.isInteger(personTimes) || personTimes < 1) { alertIn(message, new Error('人次须为正整数 · Person-times is a whole number, at least 1.')); return; }
    try {
      const visit = await send('POST', '/api/v1/visits', {
        batch: form.batch.value.trim(), helperId: form.helperId.value, track: 'Regional',
        people: form.people.value.split(/[,，、\s]+/).filter(Boolean), personTimes, places: places.length ? places : [picker.value()].filter(Boolean),
        from: form.from.value, to: form.to.value, note: form.note.value || null,
      }, { idempotencyKey: visitKey });
      visitKey = crypto.randomUUID();
      message.className = 'notice';
      message.innerHTML = `${t('saved')} <span data-created-visit="${escape(visit.id)}">${escape(visit.id)}</span>`;
      places.length = 0;
      await showPlaces();
      await listVisits();
    } catch (error) {
      alertIn(message, error);
    }
  });
  document.getElementById('visit-table').addEventListener('click', async e => {
    const row = e.target.closest('tr[data-visit]');
    if (!row || e.target.dataset.act !== 'withdraw') return;
    const reason = prompt(t('reason'));
    if (!reason) return;
    try {
      await send('POST', `/api/v1/visits/${encodeURIComponent(row.dataset.visit)}/withdraw`, { reason });
      await listVisits();
    } catch (error) {
      alertIn(message, error);
    }
  });
  const year = document.getElementById('visit-year');
  year.value = String(new Date().getFullYear());
  year.addEventListener('change', () => listVisits().catch(error => alertIn(message, error)));
  setUpPlatforms(helperOptions);
  document.querySelector('#tabs [data-tab=engagements]').addEventListener('click', () =>
    Promise.all([listVisits(), listTeams(), listPlatforms()]).catch(error => alertIn(message, error)), { once: true });
}

async function listVisits() {
  const visits = await all(`/api/v1/visits?year=${Number(document.getElementById('visit-year').value)}`);
  const rows = await Promise.all(visits.map(async v => `<tr data-visit="${escape(v.id)}"><th>${escape(v.visit.batch)}</th>
    <td>${escape(await nameOf('helper', v.visit.helperId))}</td><td>${await placeNames(v.visit.places)}</td><td>${v.visit.from} – ${v.visit.to}</td>
    <td>${v.visit.personTimes}</td><td><button type="button" data-act="withdraw" data-i18n="withdraw"></button></td></tr>`));
  const table = document.getElementById('visit-table');
  table.innerHTML = `<thead><tr><th>${t('batch')}</th><th>${t('helper')}</th><th>${t('places')}</th><th>${t('date')}</th><th>${t('personTimes')}</th><th></th></tr></thead>
    <tbody>${rows.join('') || `<tr><td colspan="6">${t('none')}</td></tr>`}</tbody>`;
  translate(table);
}

async function listTeams() {
  const teams = await all('/api/v1/expert-teams');
  const views = await Promise.all(teams.map(team => get(`/api/v1/expert-teams/${encodeURIComponent(team.id)}`)));
  const rows = await Promise.all(views.map(async v => {
    const standing = v.batches.filter(b => !b.withdrawn);
    return `<tr data-team="${escape(v.team.id)}"><th>${escape(v.team.nameZh)} ${historyButton(`/api/v1/expert-teams/${encodeURIComponent(v.team.id)}/history`, v.team.nameZh)}</th><td>${t('team_' + v.team.kind)}</td><td>${t('track_' + v.team.track.toLowerCase())}</td>
      <td>${(await Promise.all(v.team.helperIds.map(h => nameOf('helper', h)))).map(escape).join('、')}</td><td>${v.team.experts.length}</td>
      <td>${standing.length}</td><td>${standing.reduce((sum, b) => sum + b.batch.personTimes, 0)}</td></tr>`;
  }));
  const table = document.getElementById('team-table');
  table.innerHTML = `<thead><tr><th>${t('name')}</th><th>${t('kind')}</th><th>${t('domain')}</th><th>${t('helper')}</th><th>${t('experts')}</th><th>${t('batches')}</th><th>${t('personTimes')}</th></tr></thead>
    <tbody>${rows.join('') || `<tr><td colspan="7">${t('none')}</td></tr>`}</tbody>`;
}

async function setUpPlatforms(helperOptions) {
  const form = document.getElementById('platform-form');
  form.helperId.innerHTML = helperOptions;
  form.establishedOn.value = today();
  const place = await localityPicker(document.getElementById('platform-locality'));
  const message = document.getElementById('platform-message');
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const id = `pf-${Date.now().toString(36)}`;
    try {
      await send('PUT', `/api/v1/platforms/${id}`, {
        nameZh: form.nameZh.value.trim(), kind: form.kind.value, track: 'Technology', localityCode: place.value() || null,
        helperIds: [form.helperId.value], establishedOn: form.establishedOn.value, description: form.description.value || null,
      });
      message.className = 'notice';
      message.textContent = t('saved');
      await listPlatforms();
    } catch (error) {
      alertIn(message, error);
    }
  });
}

async function listPlatforms() {
  const platforms = await all('/api/v1/platforms');
  const rows = await Promise.all(platforms.map(async p => `<tr data-platform="${escape(p.id)}"><th>${escape(p.platform.nameZh)} ${historyButton(`/api/v1/platforms/${encodeURIComponent(p.id)}/history`, p.platform.nameZh)}</th><td>${t('platform_' + p.platform.kind)}</td>
    <td>${escape(await nameOf('locality', p.platform.localityCode))}</td><td>${(await Promise.all(p.platform.helperIds.map(h => nameOf('helper', h)))).map(escape).join('、')}</td>
    <td>${p.platform.establishedOn}</td></tr>`));
  document.getElementById('platform-table').innerHTML = `<thead><tr><th>${t('name')}</th><th>${t('kind')}</th><th>${t('locality')}</th><th>${t('helper')}</th><th>${t('establishedOn')}</th></tr></thead>
    <tbody>${rows.join('') || `<tr><td colspan="5">${t('none')}</td></tr>`}</tbody>`;
}
