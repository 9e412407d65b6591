// Start page with the two business entrances, the status page, and server settings.
import { call, el, messageOf } from '../ipc.js';
import { actions, createForm, noticeArea, notify } from '../forms.js';

export function renderStart(view) {
  view.append(
    el('h1', {}, '网上办事'),
    el('p', { class: 'muted' }, '办理教师资格认定或定期注册业务前，需要先注册账号并完成实名核验。账号只需注册一次，两个入口通用。'),
    el('div', { class: 'entrances' },
      el('a', { class: 'entrance', href: '#/signin?business=certification', id: 'entrance-certification' },
        el('h2', {}, '教师资格认定'),
        el('p', {}, '申请认定教师资格：注册或登录账号，完成实名核验后办理。'),
        el('span', { class: 'go' }, '在线办理')),
      el('a', { class: 'entrance', href: '#/signin?business=registration', id: 'entrance-registration' },
        el('h2', {}, '中小学教师资格定期注册'),
        el('p', {}, '办理定期注册：注册或登录账号，完成实名核验后办理。'),
        el('span', { class: 'go' }, '在线办理'))),
    el('div', { class: 'card', style: 'margin-top:18px' },
      el('h2', {}, '办理须知'),
      el('ol', {},
        el('li', {}, '账号为身份证件号码，注册后不可修改。'),
        el('li', {}, '每项内容都需手动输入，姓名须与身份证件完全一致。'),
        el('li', {}, '填写内容会自动保存在本机，断网或关闭应用后可继续填写。'))),
    el('p', { class: 'muted' }, el('a', { href: '#/staff/signin', id: 'entrance-staff' }, '审核人员登录')));
}

const STATE_TEXT = { queued: '待发送', sent: '已发送', rejected: '未被接受' };
const KIND_TEXT = {
  register: '账号注册', contact_change: '修改联系方式申请', password_reset: '重置密码',
  profile: '完善个人信息', password_change: '修改密码', phone_change: '修改手机号码', manual_review: '人工审核',
};

const OUTCOME_TEXT = { passed: '通过', failed: '未通过' };
const REVIEW_TEXT = { pending: '待审核', approved: '审核通过', rejected: '审核不通过' };
const CONTACT_TEXT = { queued: '待发送', pending: '待审核', approved: '已通过', rejected: '未通过' };

// Deadlines follow Beijing days, so times show in Beijing time whatever the computer's zone.
export function when(time) {
  return new Date(time).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function table(id, heads, rows, empty) {
  if (rows.length === 0) return el('p', { class: 'muted', id: `${id}-empty` }, empty);
  return el('table', { class: 'history', id },
    el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

function verificationSection(v) {
  const history = v.history.map((h) => el('tr', { 'data-outcome': h.outcome },
    el('td', {}, when(h.at)), el('td', {}, h.name_checked),
    el('td', { class: h.outcome === 'passed' ? 'state-sent' : 'state-rejected' }, OUTCOME_TEXT[h.outcome] || h.outcome)));
  const reviews = v.reviews.map((r) => el('tr', { 'data-status': r.status, 'data-review': r.id },
    el('td', {}, when(r.submitted_at)), el('td', {}, r.name),
    el('td', { class: `review-${r.status}` }, REVIEW_TEXT[r.status] || r.status),
    el('td', {}, r.status === 'pending' ? `${when(r.due_at)} 前` : when(r.decided_at)),
    el('td', { class: 'reason' }, r.decision_reason || (r.status === 'rejected' ? '—' : ''))));
  return [
    el('h2', {}, '核验状态'),
    el('p', { id: 'verification-state', class: `notice ${v.verified ? 'ok' : (v.pending_review ? 'warn' : '')}` }, v.summary),
    el('p', { class: 'muted' }, `今日剩余实名核验次数：${v.attempts_left_today}；本周期（${v.period_start} 至 ${v.period_end}）剩余人工审核次数：${v.reviews_left_this_period}。`),
    el('h2', {}, '实名核验记录'),
    table('verification-history', ['核验时间', '核验姓名', '结果'], history, '暂无实名核验记录。'),
    el('h2', {}, '人工审核'),
    table('review-history', ['提交时间', '姓名', '状态', '审核期限 / 结论时间', '审核意见'], reviews, '暂无人工审核申请。'),
  ];
}

function contactSection(changes) {
  const rows = changes.map((c) => el('tr', { 'data-state': c.state },
    el('td', {}, when(c.submitted_at)), el('td', {}, c.kind === 'email' ? '邮箱地址' : '手机号码'), el('td', {}, c.value),
    el('td', { class: `contact-${c.state}` }, CONTACT_TEXT[c.state] || c.state), el('td', {}, c.error || '')));
  return [
    el('h2', {}, '修改联系方式申请'),
    el('p', { class: 'muted' }, '本机提交的申请。审核结果将发送到新的邮箱或手机号码。'),
    table('contact-history', ['提交时间', '修改项', '新的联系方式', '状态', '说明'], rows, '本机暂无修改联系方式申请。'),
  ];
}

export async function renderStatus(view, _params, app) {
  view.append(el('h1', {}, '我的状态'));
  const summary = el('div', { class: 'card', id: 'status-summary' }, el('p', { class: 'muted' }, '正在读取…'));
  const contacts = el('div', { class: 'card', id: 'status-contacts' });
  view.append(summary, contacts);
  try {
    const status = await call('account_status');
    summary.replaceChildren(...(status.verification ? verificationSection(status.verification)
      : [el('h2', {}, '核验状态'), el('p', { class: 'muted', id: 'verification-state' }, '登录后可查看实名核验和人工审核状态。')]));
    contacts.replaceChildren(...contactSection(status.contact_changes));
  } catch (error) {
    summary.replaceChildren(el('p', { class: 'notice error' }, messageOf(error)));
    contacts.remove();
  }
  const overview = await call('queue_overview');
  const rows = overview.recent.map((s) => el('tr', { 'data-kind': s.kind, 'data-state': s.state },
    el('td', {}, KIND_TEXT[s.kind] || s.kind),
    el('td', {}, when(s.created_at)),
    el('td', { class: `state-${s.state}` }, STATE_TEXT[s.state] || s.state),
    el('td', {}, String(s.attempts))));
  view.append(el('div', { class: 'card' },
    el('h2', {}, '本机提交记录'),
    table('history', ['事项', '提交时间', '状态', '尝试次数'], rows, '暂无提交记录。')));
}

export async function renderSettings(view, _params, app) {
  view.append(el('h1', {}, '服务器设置'));
  const card = el('div', { class: 'card' });
  view.append(card);
  const area = noticeArea('settings-notice');
  card.append(area);
  const form = createForm(card, {
    id: 'settings', draft: false,
    fields: [
      { name: 'url', label: '服务器地址：', placeholder: 'https://', required: false, hint: '留空则使用本机内置的模拟服务器（含开发收件箱）。' },
      { name: 'ca_pem', label: 'CA 证书（可选）：', type: 'textarea', required: false, hint: '粘贴 PEM 格式的证书后，只信任该证书签发的服务器证书。' },
    ],
  });
  const saved = await call('settings_load');
  form.set('url', saved.url || '');
  form.set('ca_pem', saved.ca_pem || '');
  const save = el('button', { type: 'button', id: 'settings-save' }, '保存');
  save.addEventListener('click', async () => {
    try {
      await call('settings_save', { url: form.value('url'), caPem: form.value('ca_pem') || null });
      notify(area, form.value('url') ? '已保存，正在连接新的服务器。' : '已保存，下次启动时使用内置模拟服务器。', 'ok');
    } catch (error) {
      if (!form.showError(error)) notify(area, messageOf(error), 'error');
    }
  });
  form.element.append(actions(save));
  const info = app.info || {};
  const store = { secret_service: '系统密钥环（Secret Service）', kernel_keyring: '内核密钥环', memory: '仅内存（关闭应用后需重新登录）' };
  card.append(el('p', { class: 'muted' }, `本机数据目录：${info.data_dir || ''}`),
    el('p', { class: 'muted', id: 'session-store' }, `登录凭据保存位置：${store[info.session_store] || ''}`));
}
