import { t, tf, translate, lang } from './i18n.js';
import { get, send } from './api.js';
import { alertIn } from './layout.js';
import { escape } from './format.js';
import { changesPanel } from './changes.js';

// The validation rules reports are checked against when written (the office edits them): each rule warns or blocks.
// The whole list is saved at once; the server refuses a bad rule and keeps the list it had.
export async function setUpRules(catalogue) {
  const table = document.getElementById('rules-table');
  const form = document.getElementById('rule-form');
  const message = document.getElementById('rule-message');
  const name = code => catalogue[code] ? (lang() === 'en' ? catalogue[code].nameEn : catalogue[code].nameZh) : code;
  const options = Object.keys(catalogue).map(code => `<option value="${escape(code)}">${escape(name(code))}</option>`).join('');
  form.indicator.innerHTML = options;
  form.other.innerHTML = options;
  let rules = await get('/api/v1/validation-rules');
  const changes = await changesPanel(document.getElementById('rules-changes'), '/api/v1/validation-rules/history');
  const showFields = () => {
    for (const label of form.querySelectorAll('[data-for]')) label.hidden = !label.dataset.for.split(' ').includes(form.kind.value);
  };
  const describe = r => r.kind === 'Range' ? `${name(r.indicator)} ${r.min ?? '−∞'} – ${r.max ?? '+∞'}`
    : r.kind === 'Age' ? tf('ruleAgeText', { days: r.max })
    : `${name(r.indicator)} ≤ ${name(r.other)}`;
  const render = () => {
    table.innerHTML = `<thead><tr><th data-i18n="name"></th><th data-i18n="ruleKind"></th><th data-i18n="ruleCondition"></th><th data-i18n="ruleSeverity"></th><th></th></tr></thead><tbody>` +
      (rules.map(r => `<tr data-rule="${escape(r.id)}" data-severity="${r.severity}"><th>${escape(lang() === 'en' && r.nameEn ? r.nameEn : r.nameZh)}</th>
        <td>${t('rule_' + r.kind)}</td><td>${escape(describe(r))}</td><td>${t('severity_' + r.severity)}</td>
        <td><button type="button" data-act="remove" data-i18n="remove"></button></td></tr>`).join('') || `<tr><td colspan="5">${t('none')}</td></tr>`) + '</tbody>';
    translate(table);
  };
  const save = async next => {
    try {
      rules = await send('PUT', '/api/v1/validation-rules', next);
      alertIn(message, null);
      message.textContent = t('saved');
      render();
      changes.reload();
      return true;
    } catch (error) {
      alertIn(message, error);
      return false;
    }
  };
  table.addEventListener('click', e => {
    const row = e.target.closest('tr[data-rule]');
    if (row && e.target.dataset.act === 'remove') save(rules.filter(r => r.id !== row.dataset.rule));
  });
  form.kind.addEventListener('change', showFields);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const number = input => input.value === '' ? null : Number(input.value);
    const rule = {
      id: `rule-${Date.now().toString(36)}`, kind: form.kind.value, indicator: form.kind.value === 'Age' ? null : form.indicator.value,
      other: form.kind.value === 'NotAbove' ? form.other.value : null,
      min: form.kind.value === 'Range' ? number(form.min) : null,
      max: form.kind.value === 'Range' ? number(form.max) : form.kind.value === 'Age' ? number(form.days) : null,
      severity: form.severity.value, nameZh: form.nameZh.value.trim(), nameEn: form.nameEn.value.trim() || null,
    };
    if (await save([...rules, rule])) form.reset(), showFields();
  });
  showFields();
  render();
}
