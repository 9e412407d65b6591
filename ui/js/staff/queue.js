// The two queues in one list, oldest deadline first, with filters, counts and refresh.
import { call, el, messageOf } from '../ipc.js';
import { noticeArea, notify } from '../forms.js';
import { beijingTime, handleSessionEnd, HOLD_LABEL, KIND_LABEL, requireStaff, staffBar, URGENCY_LABEL } from './common.js';

// Filters survive leaving and returning to the queue within one run of the app.
const filter = { kind: '', urgency: '', hold: '' };

function select(id, label, key, options, onChange) {
  const control = el('select', { id },
    el('option', { value: '' }, '全部'),
    options.map(([value, text]) => el('option', { value, selected: filter[key] === value }, text)));
  control.addEventListener('change', () => { filter[key] = control.value; onChange(); });
  return el('label', { class: 'staff-filter' }, label, control);
}

function countCard(id, title, counts) {
  return el('div', { class: 'staff-count', id },
    el('div', { class: 'staff-count-title' }, title),
    el('div', { class: 'staff-count-total' }, String(counts.total)),
    el('div', { class: 'staff-count-detail' },
      el('span', { class: 'urgency-overdue' }, `已超期 ${counts.overdue}`),
      el('span', { class: 'urgency-due_today' }, `今日到期 ${counts.due_today}`),
      el('span', {}, `他人处理中 ${counts.held_by_others}`)));
}

function row(item) {
  const open = el('a', { class: 'button small', href: `#/staff/item?kind=${item.kind}&id=${encodeURIComponent(item.id)}` }, item.hold === 'other' ? '查看' : '审核');
  return el('tr', { 'data-id': item.id, 'data-kind': item.kind, 'data-urgency': item.urgency, 'data-hold': item.hold, class: `urgency-${item.urgency}` },
    el('td', {}, KIND_LABEL[item.kind] || item.kind),
    el('td', {}, item.document_number_masked),
    el('td', {}, beijingTime(item.submitted_at)),
    el('td', {}, beijingTime(item.due_at), URGENCY_LABEL[item.urgency] ? el('span', { class: `badge urgency-${item.urgency}` }, URGENCY_LABEL[item.urgency]) : null),
    el('td', { class: `hold-${item.hold}` }, item.hold === 'other' ? `${item.claimed_by} 处理中` : HOLD_LABEL[item.hold]),
    el('td', {}, open));
}

export async function renderStaffQueue(view) {
  delete view.dataset.loaded;
  const identity = await requireStaff();
  if (!identity) return;
  const area = noticeArea('staff-queue-notice');
  const counts = el('div', { class: 'staff-counts', id: 'staff-counts' });
  const body = el('tbody', {});
  const stamp = el('span', { class: 'muted', id: 'staff-refreshed' });
  const refresh = el('button', { type: 'button', class: 'secondary', id: 'staff-refresh' }, '刷新');
  const load = async () => {
    refresh.disabled = true;
    try {
      const board = await call('staff_board', { filter: { kind: filter.kind || null, urgency: filter.urgency || null, hold: filter.hold || null } });
      counts.replaceChildren(countCard('count-manual_review', '人工审核', board.manual_reviews), countCard('count-contact_change', '修改联系方式申请', board.contact_changes));
      body.replaceChildren(...board.rows.map(row));
      if (board.rows.length === 0) body.replaceChildren(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, '没有符合条件的待审申请。')));
      stamp.textContent = `更新于 ${beijingTime(board.refreshed_at)}`;
      view.dataset.loaded = 'true';
      notify(area, '');
    } catch (error) {
      if (!handleSessionEnd(error)) notify(area, messageOf(error), 'error');
    } finally {
      refresh.disabled = false;
    }
  };
  refresh.addEventListener('click', load);
  view.append(
    staffBar(identity, '#/staff/queue'),
    el('h1', {}, '待审队列'),
    area,
    counts,
    el('div', { class: 'card' },
      el('div', { class: 'staff-filters' },
        select('filter-kind', '类型', 'kind', Object.entries(KIND_LABEL), load),
        select('filter-urgency', '期限', 'urgency', [['overdue', '已超期'], ['due_today', '今日到期'], ['later', '未到期']], load),
        select('filter-hold', '领取状态', 'hold', Object.entries(HOLD_LABEL), load),
        refresh, stamp),
      el('table', { class: 'history staff-queue', id: 'staff-queue' },
        el('thead', {}, el('tr', {}, ['类型', '申请人证件号码', '提交时间', '办理期限（北京时间）', '领取状态', ''].map((h) => el('th', {}, h)))),
        body)),
    el('p', { class: 'muted' }, '按办理期限从早到晚排列。人工审核须在 7 个工作日内、修改联系方式申请须在 1 个工作日内办结，工作日按国家法定节假日安排计算。'));
  await load();
}
