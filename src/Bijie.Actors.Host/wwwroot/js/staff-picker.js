import { t, translate } from './i18n.js';
import { escape } from './format.js';

/**
 * The staff picker, like the office's own (选择用户): the whole staff list (全部人员) with a search box, select all
 * (全选, of what the search shows), undo (撤消, step by step) and the people chosen so far. Resolves with the
 * chosen ids, or null when cancelled. With single, exactly one person must be chosen.
 */
export function pickStaff({ staff, selected = [], single = false }) {
  return new Promise(resolve => {
    const dialog = document.createElement('dialog');
    dialog.className = 'picker';
    dialog.setAttribute('aria-labelledby', 'picker-title');
    dialog.innerHTML = `
      <header id="picker-title" data-i18n="pickStaff"></header>
      <div class="body">
        <div class="bar">
          <input type="search" id="picker-search" data-i18n-placeholder="search" aria-label="搜索 · Search">
          <button type="button" id="picker-all" data-i18n="selectAll"></button>
          <button type="button" id="picker-undo" data-i18n="undo"></button>
        </div>
        <strong data-i18n="allStaff"></strong>
        <ul id="picker-list"></ul>
        <p><span data-i18n="selected"></span>: <span id="picker-chosen"></span></p>
        <p id="picker-message" role="alert" class="error"></p>
      </div>
      <footer><button type="button" id="picker-cancel" data-i18n="cancel"></button><button type="button" class="primary" id="picker-ok" data-i18n="ok"></button></footer>`;
    document.body.append(dialog);
    translate(dialog);
    let chosen = new Set(selected);
    const history = [];
    const list = dialog.querySelector('#picker-list');
    const search = dialog.querySelector('#picker-search');
    const visible = () => {
      const q = search.value.trim().toLowerCase();
      return staff.filter(s => !q || s.name.toLowerCase().includes(q) || s.id.toLowerCase().includes(q));
    };
    const change = next => { history.push(chosen); chosen = next; draw(); };
    const draw = () => {
      list.innerHTML = visible().map(s => `<li><label><input type="checkbox" value="${escape(s.id)}" ${chosen.has(s.id) ? 'checked' : ''}>
        <span>${escape(s.name)}</span> <small class="muted">${escape(s.id)}</small></label></li>`).join('');
      dialog.querySelector('#picker-chosen').textContent = staff.filter(s => chosen.has(s.id)).map(s => s.name).join('、') || '—';
      dialog.querySelector('#picker-undo').disabled = history.length === 0;
      dialog.querySelector('#picker-all').hidden = single; // choosing one person has no 全选: it is not offered, rather than shown dead
    };
    list.addEventListener('change', e => {
      const next = new Set(single ? [] : chosen);
      if (e.target.checked) next.add(e.target.value); else next.delete(e.target.value);
      change(next);
    });
    search.addEventListener('input', draw);
    dialog.querySelector('#picker-all').addEventListener('click', () => change(new Set([...chosen, ...visible().map(s => s.id)])));
    dialog.querySelector('#picker-undo').addEventListener('click', () => { if (history.length) { chosen = history.pop(); draw(); } });
    const close = value => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.querySelector('#picker-cancel').addEventListener('click', () => close(null));
    dialog.addEventListener('cancel', e => { e.preventDefault(); close(null); });
    dialog.querySelector('#picker-ok').addEventListener('click', () => {
      if (single && chosen.size !== 1) {
        dialog.querySelector('#picker-message').textContent = t('pickOne');
        return;
      }
      close([...chosen]);
    });
    draw();
    dialog.showModal();
    search.focus();
  });
}
