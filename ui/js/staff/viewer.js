// A photo viewer with zoom, rotation and flips done by CSS transforms, because
// applicants' photos are often sideways or mirrored. The image data never changes.

import { el } from '../ipc.js';

const ZOOM_STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4];

/** Creates a viewer; `show(photo)` displays a photo, `act(name)` runs a tool. */
export function photoViewer() {
  const state = { zoom: 1, rotation: 0, flipX: false, flipY: false };
  const image = el('img', { id: 'staff-photo', alt: '' });
  const stage = el('div', { class: 'photo-stage', id: 'staff-photo-stage' }, image);
  const caption = el('div', { class: 'photo-caption', id: 'staff-photo-caption' });

  // A quarter turn swaps the photo's width and height, so it is scaled down to stay
  // inside the stage as it was before turning.
  const quarterTurnFit = () => {
    if (state.rotation % 180 === 0 || !image.offsetWidth || !image.offsetHeight) return 1;
    const room = 0.9;
    return Math.min(1, (stage.clientHeight * room) / image.offsetWidth, (stage.clientWidth * room) / image.offsetHeight);
  };
  const apply = () => {
    const scale = state.zoom * quarterTurnFit();
    const scaleX = state.flipX ? -scale : scale;
    const scaleY = state.flipY ? -scale : scale;
    image.style.transform = `rotate(${state.rotation}deg) scale(${scaleX}, ${scaleY})`;
    stage.dataset.rotation = String(state.rotation);
    stage.dataset.zoom = String(state.zoom);
    stage.dataset.flipX = String(state.flipX);
    stage.dataset.flipY = String(state.flipY);
    zoomLabel.textContent = `${Math.round(state.zoom * 100)}%`;
  };
  const zoomBy = (step) => {
    const index = ZOOM_STEPS.indexOf(state.zoom) + step;
    state.zoom = ZOOM_STEPS[Math.min(Math.max(index, 0), ZOOM_STEPS.length - 1)];
  };
  const tools = {
    'rotate-left': () => { state.rotation = (state.rotation + 270) % 360; },
    'rotate-right': () => { state.rotation = (state.rotation + 90) % 360; },
    'flip-x': () => { state.flipX = !state.flipX; },
    'flip-y': () => { state.flipY = !state.flipY; },
    'zoom-in': () => zoomBy(1),
    'zoom-out': () => zoomBy(-1),
    reset: () => Object.assign(state, { zoom: 1, rotation: 0, flipX: false, flipY: false }),
  };
  const act = (name) => { tools[name](); apply(); };
  const button = (name, label, key) => el('button', {
    type: 'button', class: 'secondary small', id: `photo-${name}`, title: `${label}（${key}）`, onclick: () => act(name),
  }, label);
  const zoomLabel = el('span', { class: 'muted', id: 'staff-photo-zoom' });
  const toolbar = el('div', { class: 'photo-tools', role: 'toolbar', 'aria-label': '照片查看工具' },
    button('rotate-left', '向左旋转', 'Q'), button('rotate-right', '向右旋转', 'E'),
    button('flip-x', '水平翻转', 'H'), button('flip-y', '垂直翻转', 'V'),
    button('zoom-out', '缩小', '-'), zoomLabel, button('zoom-in', '放大', '+'),
    button('reset', '复原', '0'));
  stage.addEventListener('wheel', (event) => {
    event.preventDefault();
    act(event.deltaY < 0 ? 'zoom-in' : 'zoom-out');
  }, { passive: false });

  const show = (photo) => {
    tools.reset();
    image.src = photo.data_url;
    image.alt = photo.label;
    caption.textContent = photo.label;
    stage.dataset.side = photo.side;
    image.onload = apply;
    apply();
  };
  apply();
  return { element: el('div', { class: 'photo-viewer' }, toolbar, stage, caption), show, act };
}

const SEVERITY_LABEL = { error: '不符合', warning: '提示' };

/** Lists the automatic photo check's result for one photo. */
export function photoReport(photo) {
  const report = photo.report;
  const size = `${(report.size_bytes / 1024).toFixed(1)} KB`;
  const dims = report.width ? `${report.width} × ${report.height}` : '无法读取';
  const list = el('ul', { class: 'photo-report' },
    report.issues.map((issue) => el('li', { class: `severity-${issue.severity}`, 'data-code': issue.code },
      `${SEVERITY_LABEL[issue.severity] || ''}：${issue.message}`)));
  return el('div', { class: 'photo-check', 'data-side': photo.side, 'data-acceptable': String(report.acceptable) },
    el('div', { class: report.acceptable ? 'check-ok' : 'check-bad' },
      `${photo.label}：${report.acceptable ? '自动检查通过' : '自动检查未通过'}`),
    el('div', { class: 'muted' }, `${size} · ${dims} 像素${report.sharpness != null ? ` · 清晰度 ${report.sharpness.toFixed(0)}` : ''}`),
    report.issues.length ? list : null);
}
