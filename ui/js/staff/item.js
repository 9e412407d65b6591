// One queue item: the applicant's declared data beside the photos, the automatic photo
// check, the claim, and the decision with keyboard shortcuts.
import { call, el, messageOf } from '../ipc.js';
import { noticeArea, notify } from '../forms.js';
import { beijingTime, handleSessionEnd, KIND_LABEL, requireStaff, staffBar } from './common.js';
import { declaredContactChange, declaredReview } from './facts.js';
import { photoReport, photoViewer } from './viewer.js';

const CLAIM_RENEW_MS = 5 * 60 * 1000;
const ITEM_TITLE = { manual_review: '人工审核申请', contact_change: '修改联系方式申请' };

const SHORTCUTS = [
  ['A', '通过'], ['R', '不通过（先选择或填写原因）'], ['N', '下一项'],
  ['1 2 3', '切换照片'], ['Q / E', '旋转'], ['H / V', '翻转'], ['+ / -', '缩放'], ['0', '复原'],
];

async function loadPhotos(kind, id, sides, area) {
  const viewer = photoViewer();
  const thumbs = el('div', { class: 'photo-thumbs', role: 'tablist', 'aria-label': '申请照片' });
  const reports = el('div', { class: 'photo-checks', id: 'staff-photo-checks' }, el('h3', {}, '照片自动检查'));
  const section = el('section', { class: 'card staff-photos', 'aria-label': '申请照片' }, thumbs, viewer.element, reports);
  const photos = [];
  for (const side of sides) {
    try {
      photos.push(await call('staff_photo', { kind, id, side }));
    } catch (error) {
      if (handleSessionEnd(error)) return { section, select: () => {}, viewer };
      notify(area, messageOf(error), 'error');
    }
  }
  const select = (index) => {
    const photo = photos[index];
    if (!photo) return;
    viewer.show(photo);
    thumbs.querySelectorAll('button').forEach((b, i) => b.setAttribute('aria-selected', String(i === index)));
  };
  photos.forEach((photo, index) => {
    thumbs.append(el('button', { type: 'button', role: 'tab', class: 'photo-thumb', id: `thumb-${photo.side}`, onclick: () => select(index) },
      el('img', { src: photo.data_url, alt: '' }), el('span', {}, `${index + 1} ${photo.label}`)));
    reports.append(photoReport(photo));
  });
  select(0);
  section.dataset.loaded = String(photos.length);
  return { section, select, viewer };
}

function decisionPanel(opened, reasons, decide) {
  const applicable = reasons.filter((reason) => reason.applies_to.includes(opened.kind));
  const preset = el('select', { id: 'decision-reason-code', 'aria-describedby': 'decision-reason-msg' },
    el('option', { value: '' }, '---选择常用原因---'),
    applicable.map((reason) => el('option', { value: reason.code }, reason.text)));
  const text = el('textarea', { id: 'decision-reason-text', placeholder: '或填写原因（申请人将看到）', maxlength: 500, 'aria-describedby': 'decision-reason-msg' });
  const message = el('p', { class: 'msg', id: 'decision-reason-msg', 'aria-live': 'polite' });
  const approve = el('button', { type: 'button', id: 'decision-approve', class: 'approve' }, '通过（A）');
  const reject = el('button', { type: 'button', id: 'decision-reject', class: 'reject' }, '不通过（R）');
  approve.addEventListener('click', () => decide('approve'));
  reject.addEventListener('click', () => decide('reject'));
  const disabled = !opened.claim;
  [preset, text, approve, reject].forEach((control) => { control.disabled = disabled; });
  // An applicant with an application on file changes the contact after signing in, so
  // such a request can only be rejected, with the preset that says so.
  const rejectOnly = Boolean(opened.contact_change && opened.contact_change.application_on_file);
  if (rejectOnly) {
    approve.disabled = true;
    preset.value = 'application_on_file';
  }
  const outcome = el('p', { class: 'notice ok', id: 'decision-result', role: 'status', hidden: true });
  const panel = el('section', { class: 'card staff-decision', 'aria-labelledby': 'decision-title' },
    el('h2', { id: 'decision-title' }, '审核结论'),
    outcome,
    el('div', { class: 'decision-reason' },
      el('label', { for: 'decision-reason-code' }, '不通过原因：'), preset, text, message),
    el('div', { class: 'decision-buttons' }, approve, reject));
  return {
    panel,
    reason: () => ({ reasonCode: preset.value || null, reasonText: text.value.trim() || null }),
    showResult: (result) => {
      message.textContent = '';
      message.className = 'msg';
      outcome.textContent = result;
      outcome.hidden = false;
      panel.scrollIntoView({ block: 'center' });
    },
    showError: (error) => { message.textContent = messageOf(error); message.className = 'msg error'; (error.field === 'reason' ? preset : text).focus(); },
    lock: () => [preset, text, approve, reject].forEach((control) => { control.disabled = true; }),
    canApprove: () => !approve.disabled,
  };
}

async function nextItem(currentId) {
  const board = await call('staff_board', { filter: null });
  const open = board.rows.filter((row) => row.hold !== 'other');
  const index = open.findIndex((row) => row.id === currentId);
  const next = open.slice(index + 1).concat(open.slice(0, Math.max(index, 0))).find((row) => row.id !== currentId);
  location.hash = next ? `#/staff/item?kind=${next.kind}&id=${encodeURIComponent(next.id)}` : '#/staff/queue';
}

function shortcutsHelp() {
  return el('aside', { class: 'staff-shortcuts', id: 'staff-shortcuts', 'aria-label': '快捷键' },
    el('h3', {}, '快捷键'),
    el('dl', {}, SHORTCUTS.flatMap(([keys, what]) => [el('dt', {}, el('kbd', {}, keys)), el('dd', {}, what)])));
}

export async function renderStaffItem(view, params) {
  for (const key of ['claimed', 'decided', 'ready']) delete view.dataset[key];
  const identity = await requireStaff();
  if (!identity) return;
  const kind = params.get('kind');
  const id = params.get('id');
  const area = noticeArea('staff-item-notice');
  view.append(staffBar(identity, ''), el('h1', {}, ITEM_TITLE[kind] || KIND_LABEL[kind] || ''), area);
  let opened;
  try {
    opened = await call('staff_item_open', { kind, id });
  } catch (error) {
    if (!handleSessionEnd(error)) notify(area, messageOf(error), 'error');
    return;
  }
  let decided = false;
  const route = location.hash;
  const renew = setInterval(() => { if (opened.claim && !decided) call('staff_item_claim', { kind, id }).catch(() => {}); }, CLAIM_RENEW_MS);

  if (opened.claim_refused) {
    // The server's message says the same without the name, so it is shown only when
    // nobody holds the item (for example, it is decided already).
    const why = opened.held_by
      ? `审核人员 ${opened.held_by} 正在处理该申请${opened.held_until ? `，领取至 ${beijingTime(opened.held_until)}（北京时间）` : ''}。`
      : opened.claim_refused.message;
    view.append(el('p', { class: 'notice warn', id: 'staff-held', role: 'alert' }, `${why}您可以查看，但不能作出审核结论。`));
  } else {
    view.append(el('p', { class: 'notice', id: 'staff-claimed' }, `已领取，领取有效至 ${beijingTime(opened.claim.claim_expires_at)}；离开本页时自动释放。`));
  }
  view.dataset.claimed = String(Boolean(opened.claim));

  let photos = null;
  const columns = el('div', { class: 'staff-item' });
  view.append(columns);
  if (opened.review) {
    columns.append(declaredReview(opened.review));
    photos = await loadPhotos(kind, id, opened.review.photos, area);
  } else {
    columns.append(declaredContactChange(opened.contact_change));
    photos = await loadPhotos(kind, id, ['handheld'], area);
  }
  columns.append(photos.section);

  const reasons = await call('staff_reasons').catch(() => []);
  const decide = async (decision) => {
    if (decided || !opened.claim) return;
    if (decision === 'approve' && !panel.canApprove()) return;
    try {
      const recorded = await call('staff_decide', { kind, id, decision, ...panel.reason() });
      decided = true;
      panel.lock();
      view.dataset.decided = recorded.decision;
      const result = recorded.decision === 'approve' ? '已通过，已通知申请人。按 N 进入下一项。' : `已作出不通过结论，申请人将看到原因：${(recorded.reason || '').replace(/[。.]$/, '')}。按 N 进入下一项。`;
      notify(area, result, 'ok');
      panel.showResult(result);
    } catch (error) {
      if (handleSessionEnd(error)) return;
      if (error.field) panel.showError(error); else notify(area, messageOf(error), 'error');
    }
  };
  const panel = decisionPanel(opened, reasons, decide);
  view.append(el('div', { class: 'staff-bottom' }, panel.panel, shortcutsHelp()));
  view.append(el('div', { class: 'actions staff-nav' },
    el('a', { class: 'button secondary', href: '#/staff/queue' }, '返回队列'),
    el('button', { type: 'button', class: 'secondary', id: 'staff-next', onclick: () => nextItem(id) }, '下一项（N）')));

  const keys = (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    const key = event.key.toLowerCase();
    const viewerKeys = { q: 'rotate-left', e: 'rotate-right', h: 'flip-x', v: 'flip-y', '+': 'zoom-in', '=': 'zoom-in', '-': 'zoom-out', 0: 'reset' };
    if (key === 'n') nextItem(id);
    else if (key === 'a') decide('approve');
    else if (key === 'r') {
      const { reasonCode, reasonText } = panel.reason();
      if (reasonCode || reasonText) decide('reject'); else document.getElementById('decision-reason-code').focus();
    } else if (photos && viewerKeys[key]) photos.viewer.act(viewerKeys[key]);
    else if (photos && ['1', '2', '3'].includes(key)) photos.select(Number(key) - 1);
    else return;
    event.preventDefault();
  };
  const leave = () => {
    if (location.hash === route) return;
    window.removeEventListener('hashchange', leave);
    document.removeEventListener('keydown', keys);
    clearInterval(renew);
    if (opened.claim && !decided) call('staff_item_release', { kind, id }).catch(() => {});
  };
  document.addEventListener('keydown', keys);
  window.addEventListener('hashchange', leave);
  view.dataset.ready = 'true';
}
