// The page's only way to the app: Rust commands and the events they emit.
const tauri = window.__TAURI__;

/** Calls Rust command `command`; a failure rejects with `{code, message, field}`. */
export function call(command, args = {}) {
  return tauri.core.invoke(command, args);
}

/** Subscribes to app event `name`. */
export function on(name, handler) {
  return tauri.event.listen(name, (event) => handler(event.payload));
}

/** Returns a function that runs `fn` once calls stop for `ms` milliseconds. */
export function debounce(fn, ms = 300) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Creates an element with attributes and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Returns a message for an error from `call`. */
export function messageOf(error) {
  if (error && typeof error === 'object' && error.message) return error.message;
  return String(error);
}
