// Modal dialogs that keep keyboard focus inside and return focus where it was.
import { el } from './ipc.js';

/**
 * Shows a dialog and resolves with the value of the button pressed (Escape resolves
 * with `cancelValue`). `buttons` is a list of `{label, value, primary}`.
 */
export function showDialog({ title, body, buttons, cancelValue = null, id = 'dialog' }) {
  const previous = document.activeElement;
  const root = document.getElementById('dialog-root');
  return new Promise((resolve) => {
    const close = (value) => {
      backdrop.remove();
      if (previous && previous.focus) previous.focus();
      resolve(value);
    };
    const footer = el('footer', {}, buttons.map((b) =>
      el('button', {
        type: 'button',
        class: b.primary ? '' : 'secondary',
        'data-value': String(b.value),
        onclick: () => close(b.value),
      }, b.label)));
    const titleId = `${id}-title`;
    const box = el('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, id },
      el('header', { id: titleId }, title),
      el('div', { class: 'body' }, body),
      footer);
    const backdrop = el('div', { class: 'dialog-backdrop' }, box);
    backdrop.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { event.preventDefault(); close(cancelValue); }
      if (event.key !== 'Tab') return;
      const focusable = [...box.querySelectorAll('button, a[href], input, [tabindex="0"]')];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
    root.append(backdrop);
    const primary = footer.querySelector('button:not(.secondary)') || footer.querySelector('button');
    primary.focus();
  });
}
