// The administrators' screen: staff accounts, the audit log with filters, and the
// result of checking the audit log's hash chain.
import { call, el, messageOf } from '../ipc.js';
import { noticeArea, notify } from '../forms.js';
import { beijingTime, handleSessionEnd, ROLE_LABEL, requireStaff, staffBar } from './common.js';

const PER_PAGE = 20;

const ACTION_LABEL = {
  'staff.sign_in': '审核人员登录',
  'staff.sign_in_failed': '审核人员登录失败',
  'review.submit': '提交人工审核',
  'review.read': '查看人工审核',
  'review.photo_view': '查看人工审核照片',
  'review.claim': '领取人工审核',
  'review.decide': '人工审核结论',
  'contact_change.read': '查看修改联系方式申请',
  'contact_change.photo_view': '查看修改联系方式申请照片',
  'contact_change.claim': '领取修改联系方式申请',
  'contact_change.decide': '修改联系方式申请结论',
  'claim.release': '释放领取',
  'audit.check': '校验审计链',
  'verification.passed': '实名核验通过',
  'verification.failed': '实名核验未通过',
  'verification.unavailable': '实名核验服务不可用',
  'application.flag': '登记在办申请',
};

const FAULT_LABEL = {
  hash_mismatch: '记录内容与哈希值不符',
  sequence_gap: '记录序号不连续',
  entries_removed: '末尾记录被删除',
};

function staffTable(members) {
  return el('table', { class: 'history staff-admin-table', id: 'admin-staff' },
    el('thead', {}, el('tr', {}, ['用户名', '角色', '创建时间', '最近登录', '状态'].map((h) => el('th', {}, h)))),
    el('tbody', {}, members.map((member) => el('tr', { 'data-username': member.username },
      el('td', {}, member.username),
      el('td', {}, ROLE_LABEL[member.role] || member.role),
      el('td', {}, beijingTime(member.created_at)),
      el('td', {}, member.last_sign_in_at ? beijingTime(member.last_sign_in_at) : '从未登录'),
      el('td', { class: member.disabled ? 'hold-other' : 'hold-mine' }, member.disabled ? '已停用' : '正常')))));
}

function detailText(detail) {
  if (!detail || typeof detail !== 'object' || Object.keys(detail).length === 0) return '';
  return Object.entries(detail).map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`).join('；');
}

function checkResult(check) {
  if (check.ok) {
    return el('p', { class: 'notice ok', id: 'audit-check-result', 'data-ok': 'true' },
      `审计链完整：${check.entries} 条记录逐条校验通过，未发现篡改或删除。`);
  }
  return el('p', { class: 'notice error', id: 'audit-check-result', 'data-ok': 'false' },
    `审计链校验失败：第 ${check.broken_seq ?? '?'} 条记录处${FAULT_LABEL[check.fault] || check.fault || '异常'}；此前 ${check.entries} 条记录校验通过。`);
}

/** Builds the audit log section: filters, one page of entries, and paging. */
function auditSection(area, names) {
  const query = { page: 1 };
  const actor = el('select', { id: 'audit-actor' }, el('option', { value: '' }, '全部'),
    Object.entries(names).map(([id, name]) => el('option', { value: `staff:${id}` }, name)));
  const action = el('select', { id: 'audit-action' }, el('option', { value: '' }, '全部'),
    Object.entries(ACTION_LABEL).map(([code, label]) => el('option', { value: code }, label)));
  const from = el('input', { type: 'date', id: 'audit-from' });
  const to = el('input', { type: 'date', id: 'audit-to' });
  const search = el('button', { type: 'button', id: 'audit-search' }, '查询');
  const body = el('tbody', {});
  const pageLabel = el('span', { class: 'muted', id: 'audit-page' });
  const previous = el('button', { type: 'button', class: 'secondary small', id: 'audit-previous' }, '上一页');
  const next = el('button', { type: 'button', class: 'secondary small', id: 'audit-next' }, '下一页');
  const section = el('section', { class: 'card', 'aria-labelledby': 'audit-title' });

  const load = async () => {
    const filters = { actor: actor.value || null, action: action.value || null, from: from.value || null, to: to.value || null, page: query.page, per_page: PER_PAGE };
    try {
      const page = await call('staff_audit_page', { query: filters });
      const actorName = (text) => names[text.replace(/^staff:/, '')] || text;
      body.replaceChildren(...page.entries.map((entry) => el('tr', { 'data-seq': entry.seq, 'data-action': entry.action },
        el('td', {}, String(entry.seq)),
        el('td', {}, beijingTime(entry.at)),
        el('td', {}, actorName(entry.actor)),
        el('td', {}, ACTION_LABEL[entry.action] || entry.action),
        el('td', {}, entry.subject),
        el('td', { class: 'audit-detail' }, detailText(entry.detail)))));
      if (page.entries.length === 0) body.replaceChildren(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, '没有符合条件的记录。')));
      const pages = Math.max(1, Math.ceil(page.total / page.per_page));
      pageLabel.textContent = `第 ${page.page} / ${pages} 页，共 ${page.total} 条`;
      previous.disabled = page.page <= 1;
      next.disabled = page.page >= pages;
      section.dataset.loaded = 'true';
    } catch (error) {
      if (!handleSessionEnd(error)) notify(area, messageOf(error), 'error');
    }
  };
  search.addEventListener('click', () => { query.page = 1; load(); });
  previous.addEventListener('click', () => { query.page -= 1; load(); });
  next.addEventListener('click', () => { query.page += 1; load(); });
  const filter = (label, control) => el('label', { class: 'staff-filter' }, label, control);
  section.append(
    el('h2', { id: 'audit-title' }, '审计日志'),
    el('div', { class: 'staff-filters' },
      filter('操作人', actor), filter('操作', action), filter('自', from), filter('至', to), search),
    el('table', { class: 'history staff-admin-table', id: 'audit-log' },
      el('thead', {}, el('tr', {}, ['序号', '时间（北京时间）', '操作人', '操作', '对象', '详情'].map((h) => el('th', {}, h)))),
      body),
    el('div', { class: 'audit-paging' }, previous, pageLabel, next));
  return { section, load };
}

export async function renderStaffAdmin(view) {
  delete view.dataset.loaded;
  const identity = await requireStaff();
  if (!identity) return;
  const area = noticeArea('staff-admin-notice');
  view.append(staffBar(identity, '#/staff/admin'), el('h1', {}, '系统管理'), area);
  if (identity.role !== 'admin') {
    notify(area, '只有管理员可以查看系统管理页面。', 'error');
    return;
  }
  let members = [];
  try {
    members = await call('staff_admin_members');
  } catch (error) {
    if (!handleSessionEnd(error)) notify(area, messageOf(error), 'error');
    return;
  }
  const names = Object.fromEntries(members.map((member) => [member.id, member.username]));
  const checkArea = el('div', { id: 'audit-check' });
  const checkButton = el('button', { type: 'button', class: 'secondary', id: 'audit-check-run' }, '重新校验');
  const runCheck = async () => {
    checkButton.disabled = true;
    try {
      checkArea.replaceChildren(checkResult(await call('staff_audit_check')), el('p', { class: 'muted' }, `校验时间：${beijingTime(new Date().toISOString())}`));
    } catch (error) {
      if (!handleSessionEnd(error)) notify(area, messageOf(error), 'error');
    } finally {
      checkButton.disabled = false;
    }
  };
  checkButton.addEventListener('click', runCheck);
  const audit = auditSection(area, names);
  view.append(
    el('div', { class: 'staff-admin-top' },
      el('section', { class: 'card', 'aria-labelledby': 'admin-staff-title' },
        el('h2', { id: 'admin-staff-title' }, `审核人员账号（${members.length}）`),
        staffTable(members),
        el('p', { class: 'muted' }, '账号由管理员在服务器上用 jszg-server staff add 命令创建。')),
      el('section', { class: 'card', 'aria-labelledby': 'audit-check-title' },
        el('h2', { id: 'audit-check-title' }, '审计链校验'),
        el('p', { class: 'muted' }, '每条审计记录都包含上一条记录的哈希值，任何修改或删除都会使校验失败。'),
        checkArea, checkButton)),
    audit.section);
  await Promise.all([runCheck(), audit.load()]);
  view.dataset.loaded = 'true';
}
