import { get } from './api.js';
import { t } from './i18n.js';
import { escape } from './format.js';

/**
 * A place chosen by drilling down: county, then township, then (optionally) village. The value is the deepest
 * division code chosen. depth: 'county' | 'township' | 'village'.
 */
export async function localityPicker(container, { depth = 'village', name = 'localityCode' } = {}) {
  const tree = await get('/api/v1/localities');
  container.classList.add('row');
  container.innerHTML = `
    <label><span data-i18n="level_county">${t('level_county')}</span><select data-level="county"><option value="" data-i18n="choose">${t('choose')}</option>${tree.children.map(c => `<option value="${c.code}">${escape(c.name)}</option>`).join('')}</select></label>
    ${depth !== 'county' ? `<label><span data-i18n="level_township">${t('level_township')}</span><select data-level="township" disabled><option value=""></option></select></label>` : ''}
    ${depth === 'village' ? `<label><span data-i18n="level_village">${t('level_village')}</span><select data-level="village" disabled><option value=""></option></select></label>` : ''}
    <input type="hidden" name="${name}">`;
  const county = container.querySelector('[data-level=county]');
  const township = container.querySelector('[data-level=township]');
  const village = container.querySelector('[data-level=village]');
  const hidden = container.querySelector('input[type=hidden]');
  const update = () => { hidden.value = village?.value || township?.value || county.value; container.dispatchEvent(new Event('change', { bubbles: true })); };
  county.addEventListener('change', () => {
    if (township) {
      const c = tree.children.find(x => x.code === county.value);
      township.innerHTML = `<option value="">${t('choose')}</option>` + (c?.children ?? []).map(x => `<option value="${x.code}">${escape(x.name)}</option>`).join('');
      township.disabled = !c;
      if (village) { village.innerHTML = ''; village.disabled = true; }
    }
    update();
  });
  township?.addEventListener('change', async () => {
    if (village) {
      const l = township.value ? await get(`/api/v1/localities/${township.value}`) : { children: [] };
      village.innerHTML = `<option value="">${t('choose')}</option>` + l.children.map(x => `<option value="${x.code}">${escape(x.name)}</option>`).join('');
      village.disabled = !township.value;
    }
    update();
  });
  village?.addEventListener('change', update);
  return { value: () => hidden.value };
}
