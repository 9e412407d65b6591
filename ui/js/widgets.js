// Reusable parts of several screens: slider captcha, verification-code button,
// photo slot with check report and fitting, and the queued submission helper.
import { call, el, messageOf, on } from './ipc.js';
import { notify } from './forms.js';

/**
 * The slider captcha. Draws the server's puzzle images; the handle can be dragged
 * with the mouse or moved with the arrow keys (Enter confirms). Every position is
 * recorded as the trail. The optional `onPass(token)` receives the one-time pass token,
 * which `take()` also returns.
 */
export function sliderCaptcha(id, purpose, onPass) {
  const stage = el('div', { class: 'captcha-stage', id: `${id}-stage` }, el('span', { class: 'muted' }, '正在加载拼图…'));
  const label = el('span', { id: `${id}-label` }, '向右拖动滑块填充拼图');
  const handle = el('div', {
    class: 'captcha-handle', id: `${id}-handle`, role: 'slider', tabindex: '0',
    'aria-valuemin': '0', 'aria-valuemax': '272', 'aria-valuenow': '0',
    'aria-labelledby': `${id}-label`, 'aria-describedby': `${id}-msg`,
  }, '→');
  const track = el('div', { class: 'captcha-track' }, label, handle);
  const msg = el('p', { class: 'msg', id: `${id}-msg`, 'aria-live': 'polite' });
  const root = el('div', { class: 'captcha', id }, stage, track, msg,
    el('button', { type: 'button', class: 'link-button small', onclick: () => load() }, '换一张'));
  let puzzle = null;
  let piece = null;
  let offset = 0;
  let trail = [];
  let started = 0;
  let token = null;
  let lastY = 18;

  let maxOffset = 272;
  const place = (x) => {
    if (!started) {
      started = performance.now();
      trail.push([offset, lastY, 0]);
    }
    offset = Math.max(0, Math.min(maxOffset, Math.round(x)));
    handle.style.left = `${offset}px`;
    handle.setAttribute('aria-valuenow', String(offset));
    if (piece) piece.style.left = `${offset}px`;
    trail.push([offset, lastY, Math.round(performance.now() - started)]);
  };
  const load = async () => {
    token = null; offset = 0; trail = []; started = 0;
    root.classList.remove('passed');
    delete root.dataset.passed;
    delete root.dataset.puzzle;
    label.textContent = '向右拖动滑块填充拼图';
    handle.style.left = '0px';
    msg.textContent = '';
    try {
      puzzle = await call('captcha_new', { purpose });
      root.dataset.puzzle = puzzle.id;
      const background = el('img', { src: puzzle.background, alt: '拼图背景' });
      piece = el('img', { src: puzzle.piece, alt: '', style: `top:${puzzle.piece_y}px;left:0px` });
      stage.replaceChildren(background, piece);
      stage.style.width = `${puzzle.width}px`;
      stage.style.height = `${puzzle.height}px`;
      track.style.width = `${puzzle.width}px`;
      maxOffset = Math.max(puzzle.width - puzzle.piece_size, 0);
      handle.setAttribute('aria-valuemax', String(maxOffset));
    } catch (error) {
      stage.replaceChildren(el('span', { class: 'muted' }, messageOf(error)));
    }
  };
  const finish = async () => {
    if (!puzzle || token) return;
    try {
      const result = await call('captcha_verify', { id: puzzle.id, offset, trail });
      token = result.pass_token;
      root.classList.add('passed');
      root.dataset.passed = 'true';
      label.textContent = '验证通过';
      msg.textContent = '';
      if (onPass) onPass(token);
    } catch (error) {
      msg.className = 'msg error';
      msg.textContent = messageOf(error);
      setTimeout(load, 800);
    }
  };
  handle.addEventListener('pointerdown', (event) => {
    if (token) return;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX - offset;
    const move = (e) => { lastY = Math.round(e.clientY); place(e.clientX - startX); };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      finish();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  });
  handle.addEventListener('keydown', (event) => {
    if (token) return;
    const step = event.shiftKey ? 10 : 1;
    if (event.key === 'ArrowRight') { event.preventDefault(); place(offset + step); }
    else if (event.key === 'ArrowLeft') { event.preventDefault(); place(offset - step); }
    else if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); finish(); }
  });
  load();
  // take() hands out the pass once and loads a new puzzle, since the server accepts
  // each pass for one request.
  const take = () => { const pass = token; if (pass) load(); return pass; };
  return { element: root, token: () => token, take, reset: load };
}

/** The form field that shows `captcha` with its label. */
export function captchaField(captcha) {
  return { type: 'custom', name: 'captcha', render: () => el('div', { class: 'field' }, el('span', { class: 'label required' }, '图形验证码：'), captcha.element) };
}

/** A "get code" button with a 60 s countdown after each successful request. */
export function codeButton(id, label, request) {
  const button = el('button', { type: 'button', class: 'secondary', id }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    const ok = await request();
    if (!ok) { button.disabled = false; return; }
    let left = 60;
    const tick = () => {
      if (left <= 0) { button.disabled = false; button.textContent = label; return; }
      button.textContent = `${left} 秒后可重新获取`;
      left -= 1;
      setTimeout(tick, 1000);
    };
    tick();
  });
  return button;
}

function formatSize(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function reportLines(id, view, before) {
  const lines = [el('li', {}, `${view.file_name}，${formatSize(view.size)}（上限 ${formatSize(view.report.size_limit_bytes)}）`)];
  if (view.report.width) lines.push(el('li', { class: 'muted' }, `${view.report.width} × ${view.report.height} 像素`));
  if (before) lines.push(el('li', { class: 'msg ok', id: `${id}-fitted` }, `已自动调整：${formatSize(before)} → ${formatSize(view.size)}`));
  for (const problem of view.report.problems) {
    lines.push(el('li', { class: `msg ${problem.warning ? 'warning' : 'error'}`, 'data-code': problem.code }, problem.message));
  }
  if (view.report.acceptable) lines.push(el('li', { class: 'msg ok', 'data-code': 'photo.ok' }, '照片符合要求'));
  return el('ul', { class: 'photo-report', id: `${id}-report-list` }, lines);
}

/**
 * A photo slot: pick a JPEG, see an upright preview and the check report with each
 * fault in Chinese, and fit it under the size limit with one click ("自动调整"), which
 * shows the size before and after. In test mode a file-name box feeds the picker.
 */
export function photoSlot({ form, slot, label, testMode }) {
  const id = `${form}-${slot}`;
  const preview = el('div', { class: 'photo-preview', id: `${id}-preview` }, '未选择照片');
  const report = el('div', { id: `${id}-report`, 'aria-live': 'polite' });
  const testInput = testMode ? el('input', { type: 'text', id: `${id}-test-file`, 'aria-label': `${label.replace(/[:：]/g, '')}测试文件名`, class: 'small' }) : null;
  const pick = el('button', { type: 'button', class: 'secondary', id: `${id}-pick`, 'aria-describedby': `${id}-label ${id}-report` }, '选择照片');
  const fit = el('button', { type: 'button', id: `${id}-fit`, 'aria-describedby': `${id}-label`, hidden: true }, '自动调整');
  const root = el('div', { class: 'field', 'data-field': slot, id: `${id}-slot` });
  let current = null;

  const render = (view, before) => {
    current = view;
    if (!view) { preview.replaceChildren('未选择照片'); report.replaceChildren(); fit.hidden = true; return; }
    preview.replaceChildren(view.preview
      ? el('img', { src: view.preview, alt: `${label.replace(/[:：]/g, '')}预览（已按拍摄方向摆正）` })
      : el('span', {}, '无法预览'));
    report.replaceChildren(reportLines(id, view, before));
    fit.hidden = !view.report.fixable;
    root.dataset.state = view.report.acceptable ? 'ok' : 'problem';
  };
  pick.addEventListener('click', async () => {
    pick.disabled = true;
    try {
      const view = await call('photo_pick', { form, slot, testFile: testInput ? testInput.value || null : null });
      if (view) render(view);
    } catch (error) {
      report.replaceChildren(el('p', { class: 'msg error' }, messageOf(error)));
    }
    pick.disabled = false;
  });
  fit.addEventListener('click', async () => {
    fit.disabled = true;
    report.append(el('p', { class: 'muted', id: `${id}-fitting` }, '正在调整…'));
    try {
      const view = await call('photo_fit', { form, slot });
      render(view, view.original_size);
      fit.disabled = false;
      pick.focus();
    } catch (error) {
      fit.disabled = false;
      report.querySelector(`#${id}-fitting`)?.remove();
      report.append(el('p', { class: 'msg error' }, messageOf(error)));
    }
  });
  call('photo_get', { form, slot }).then((view) => view && render(view, view.fitted ? view.original_size : 0)).catch(() => {});
  root.append(
    el('span', { class: 'label required', id: `${id}-label` }, label),
    el('div', { class: 'control' },
      el('div', { class: 'photo-slot' }, preview,
        el('div', { class: 'control' }, el('div', { class: 'row' }, testInput, pick, fit), report))));
  return { element: root, ready: () => Boolean(current && current.report.acceptable) };
}

/**
 * Queues a submission and reports its fate in `area`: sent, waiting for the server,
 * or rejected (shown next to its field when it names one). Resolves with the
 * server's response once sent (an empty object when it has no body), or null when rejected.
 */
export async function submitQueued({ kind, formApi, payload, slots = [], area }) {
  let queued;
  try {
    queued = await call('submit', { kind, form: formApi.element.id, payload, photoSlots: slots });
  } catch (error) {
    if (!formApi.showError(error)) notify(area, messageOf(error), 'error');
    return null;
  }
  notify(area, '已提交，正在发送到服务器…');
  return new Promise((resolve) => {
    let unlisten = null;
    const settle = (submission) => {
      if (submission.id !== queued.id) return false;
      if (submission.state === 'queued') {
        notify(area, `暂时无法连接服务器，申请已保存在本机待发送队列中（第 ${submission.attempts} 次尝试），恢复连接后将自动提交。`, 'warn');
        return false;
      }
      if (unlisten) unlisten();
      if (submission.state === 'sent') { notify(area, '提交成功。', 'ok'); resolve(submission.response ?? {}); return true; }
      let error = {};
      try { error = JSON.parse(submission.last_error || '{}'); } catch (_) { error = {}; }
      if (!formApi.showError(error)) notify(area, error.message || '提交未被接受。', 'error');
      else notify(area, '提交未被接受，请按提示修改后重新提交。', 'error');
      resolve(null);
      return true;
    };
    on('submission-updated', settle).then((fn) => { unlisten = fn; });
    call('submission_get', { id: queued.id }).then(settle).catch(() => {});
  });
}
