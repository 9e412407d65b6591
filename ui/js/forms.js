// Forms built from field lists: labels tied to inputs, messages tied through
// aria-describedby, rules checked in Rust as the user types, drafts saved locally.
import { call, debounce, el, messageOf } from './ipc.js';

/** Choices of select and radio fields, loaded once from the core rules at start-up. */
export const choices = { document_types: [], periods: {}, ethnicities: [], regions: [] };

/** Returns the validity periods `documentType` offers (permits: 5 and 10 years only). */
export function periodsFor(documentType) {
  return choices.periods[documentType] || choices.periods.resident_id_card || [];
}

/** Returns the Chinese label of document type `code`. */
export function documentTypeLabel(code) {
  const found = choices.document_types.find(([value]) => value === code);
  return found ? found[1] : code;
}

function fieldId(formId, name) {
  return `${formId}-${name}`;
}

function buildControl(formId, spec) {
  const id = fieldId(formId, spec.name);
  const described = [`${id}-msg`, spec.hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  if (spec.type === 'select') {
    return el('select', { id, name: spec.name, 'aria-describedby': described, 'aria-required': spec.required !== false },
      el('option', { value: '' }, '---请选择---'),
      spec.options.map(([value, label]) => el('option', { value }, label)));
  }
  if (spec.type === 'textarea') {
    return el('textarea', { id, name: spec.name, 'aria-describedby': described, placeholder: spec.placeholder });
  }
  const type = spec.type === 'password' ? 'password' : 'text';
  return el('input', {
    id, name: spec.name, type, 'aria-describedby': described,
    placeholder: spec.placeholder, autocomplete: spec.autocomplete || 'off',
    readonly: spec.type === 'readonly', inputmode: spec.inputmode,
    'aria-required': spec.required !== false && spec.type !== 'readonly',
  });
}

function buildRadios(formId, spec) {
  const id = fieldId(formId, spec.name);
  const set = el('div', { class: 'field', 'data-field': spec.name },
    el('span', { class: `label ${spec.required === false ? '' : 'required'}`, id: `${id}-label` }, spec.label),
    el('div', { class: 'control' },
      el('div', { class: 'choices', id, role: 'radiogroup', 'aria-labelledby': `${id}-label`, 'aria-describedby': `${id}-msg` }, spec.options.map(([value, label]) =>
        el('label', {}, el('input', { type: 'radio', name: `${formId}-${spec.name}`, value, 'data-field': spec.name }), label))),
      spec.hint ? el('p', { class: 'hint', id: `${id}-hint` }, spec.hint) : null,
      el('p', { class: 'msg', id: `${id}-msg`, 'aria-live': 'polite' })));
  return set;
}

/**
 * Builds a form into `container`. Each field spec: `{name, label, type, rule,
 * context, options, hint, required, persist, extra}`. `type` is text (default),
 * password, select, radio, textarea or readonly. Fields with `persist: false`
 * (passwords) are never written to the draft.
 */
export function createForm(container, { id, fields, draft = true, onChange }) {
  const form = el('form', { id, novalidate: true, autocomplete: 'off' });
  const specs = new Map(fields.map((f) => [f.name, f]));
  const problems = new Map();

  for (const spec of fields) {
    if (spec.type === 'radio') { form.append(buildRadios(id, spec)); continue; }
    if (spec.type === 'custom') { form.append(spec.render()); continue; }
    const controlId = fieldId(id, spec.name);
    const control = buildControl(id, spec);
    const row = el('div', { class: 'row' }, control, spec.extra ? spec.extra() : null);
    form.append(el('div', { class: 'field', 'data-field': spec.name },
      el('label', { for: controlId, class: spec.required === false || spec.type === 'readonly' ? '' : 'required' }, spec.label),
      el('div', { class: 'control' },
        row,
        spec.hint ? el('p', { class: 'hint', id: `${controlId}-hint` }, spec.hint) : null,
        el('p', { class: 'msg', id: `${controlId}-msg`, 'aria-live': 'polite' }))));
  }
  container.append(form);

  const api = {
    element: form,
    value(name) {
      const spec = specs.get(name);
      if (spec && spec.type === 'radio') {
        const checked = form.querySelector(`input[data-field="${name}"]:checked`);
        return checked ? checked.value : '';
      }
      const input = form.querySelector(`#${fieldId(id, name)}`);
      return input ? input.value : '';
    },
    values() {
      const out = {};
      for (const spec of fields) if (spec.type !== 'custom') out[spec.name] = api.value(spec.name);
      return out;
    },
    set(name, value) {
      const spec = specs.get(name);
      if (!spec) return;
      if (spec.type === 'radio') {
        for (const input of form.querySelectorAll(`input[data-field="${name}"]`)) input.checked = input.value === value;
        return;
      }
      const input = form.querySelector(`#${fieldId(id, name)}`);
      if (input) input.value = value ?? '';
    },
    setOptions(name, options) {
      const spec = specs.get(name);
      spec.options = options;
      const current = api.value(name);
      const group = form.querySelector(`#${fieldId(id, name)}`);
      if (!group) return;
      group.replaceChildren(...options.map(([value, label]) =>
        el('label', {}, el('input', { type: 'radio', name: `${id}-${name}`, value, 'data-field': name }), label)));
      api.set(name, current);
    },
    show(name, problem) {
      const base = fieldId(id, name);
      const msg = form.querySelector(`#${base}-msg`);
      const input = form.querySelector(`#${base}`);
      if (!msg) return;
      if (problem) problems.set(name, problem); else problems.delete(name);
      msg.textContent = problem ? problem.message : '';
      msg.className = `msg ${problem ? (problem.warning ? 'warning' : 'error') : ''}`;
      if (input && input.getAttribute('role') !== 'radiogroup') input.setAttribute('aria-invalid', problem && !problem.warning ? 'true' : 'false');
    },
    async check(name) {
      const spec = specs.get(name);
      if (!spec || !spec.rule) return null;
      const value = api.value(name);
      if (value === '') { api.show(name, null); return null; }
      const context = {};
      for (const other of spec.context || []) context[other] = api.value(other);
      try {
        const problem = await call('validate_field', { rule: spec.rule, value, context });
        api.show(name, problem);
        return problem;
      } catch (error) {
        return null;
      }
    },
    /** Checks every field; returns true when nothing blocks submission. */
    async checkAll() {
      let firstBad = null;
      for (const spec of fields) {
        if (spec.type === 'custom' || spec.type === 'readonly') continue;
        const value = api.value(spec.name);
        let problem = null;
        if (value === '' && spec.required !== false) {
          problem = { code: 'field.required', message: `请填写${spec.label.replace(/[:：]/g, '')}。`, warning: false };
          api.show(spec.name, problem);
        } else {
          problem = await api.check(spec.name);
        }
        if (problem && !problem.warning && !firstBad) firstBad = spec.name;
      }
      if (firstBad) {
        const target = form.querySelector(`#${fieldId(id, firstBad)}`);
        const focusable = target && target.getAttribute('role') === 'radiogroup' ? target.querySelector('input') : target;
        if (focusable) focusable.focus();
        return false;
      }
      return true;
    },
    /** Shows a server or command error next to its field, or returns false. */
    showError(error) {
      // A custom field such as the captcha has no message line, so its errors go to
      // the notice area of the caller.
      const line = error && error.field && form.querySelector(`#${fieldId(id, error.field)}-msg`);
      if (line && specs.has(error.field)) {
        api.show(error.field, { code: error.code, message: error.message, warning: false });
        return true;
      }
      return false;
    },
    draftData() {
      const out = {};
      for (const spec of fields) if (spec.type !== 'custom' && spec.persist !== false) out[spec.name] = api.value(spec.name);
      return out;
    },
    async discardDraft() {
      await call('draft_discard', { form: id });
    },
  };

  const savedState = el('p', { class: 'saved-state', id: `${id}-saved`, 'aria-live': 'off' });
  if (draft) form.prepend(savedState);
  let edits = 0;
  const saveDraft = debounce(async () => {
    if (!draft) return;
    const edit = edits;
    try {
      await call('draft_save', { form: id, data: api.draftData() });
      if (edit !== edits) return;
      form.dataset.draft = 'saved';
      savedState.textContent = `已自动保存到本机 ${new Date().toLocaleTimeString('zh-CN')}`;
    } catch (error) {
      form.dataset.draft = 'failed';
      savedState.textContent = messageOf(error);
    }
  }, 300);
  const checkLater = new Map();
  const onInput = (name) => {
    if (!checkLater.has(name)) checkLater.set(name, debounce(() => api.check(name), 300));
    checkLater.get(name)();
    for (const spec of fields) {
      if ((spec.context || []).includes(name) && api.value(spec.name) !== '') {
        if (!checkLater.has(spec.name)) checkLater.set(spec.name, debounce(() => api.check(spec.name), 300));
        checkLater.get(spec.name)();
      }
    }
    edits += 1;
    form.dataset.draft = 'pending';
    saveDraft();
    if (onChange) onChange(name, api);
  };
  form.addEventListener('input', (event) => {
    const name = event.target.dataset.field || event.target.name;
    if (specs.has(name)) onInput(name);
  });
  form.addEventListener('change', (event) => {
    const name = event.target.dataset.field || event.target.name;
    if (specs.has(name) && (event.target.type === 'radio' || event.target.tagName === 'SELECT')) onInput(name);
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  api.restored = (async () => {
    if (!draft) return false;
    const saved = await call('draft_load', { form: id }).catch(() => null);
    if (!saved) return false;
    for (const [name, value] of Object.entries(saved)) {
      if (specs.has(name) && specs.get(name).persist !== false) api.set(name, value);
    }
    if (onChange) for (const name of Object.keys(saved)) onChange(name, api);
    for (const name of Object.keys(saved)) if (saved[name]) api.check(name);
    return true;
  })();
  return api;
}

/** A notice area at the top of a form for results and errors. */
export function noticeArea(id) {
  return el('div', { id, role: 'status', 'aria-live': 'polite' });
}

/** Shows `text` in notice area `area` with `kind` (error, ok, warn or plain). */
export function notify(area, text, kind = '') {
  area.replaceChildren(text ? el('p', { class: `notice ${kind}` }, text) : '');
}

/** A row of buttons aligned with the inputs. */
export function actions(...buttons) {
  return el('div', { class: 'actions' }, buttons);
}
