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

export async function renderStatus(view, _params, app) {
  view.append(el('h1', {}, '我的状态'));
  const summary = el('div', { class: 'card', id: 'status-summary' }, el('p', { class: 'muted' }, '正在读取…'));
  view.append(summary);
  if (app.info && app.info.signed_in) {
    try {
      const status = await call('account_status');
      summary.replaceChildren(
        el('h2', {}, '核验状态'),
        el('p', { id: 'verification-state' }, status.summary),
        status.review ? el('p', { id: 'review-state' }, status.review) : null);
    } catch (error) {
      summary.replaceChildren(el('p', { class: 'muted' }, messageOf(error)));
    }
  } else {
    summary.replaceChildren(el('p', { class: 'muted' }, '登录后可查看实名核验和人工审核状态。'));
  }
  const overview = await call('queue_overview');
  const rows = overview.recent.map((s) => el('tr', { 'data-kind': s.kind, 'data-state': s.state },
    el('td', {}, KIND_TEXT[s.kind] || s.kind),
    el('td', {}, new Date(s.created_at).toLocaleString('zh-CN')),
    el('td', { class: `state-${s.state}` }, STATE_TEXT[s.state] || s.state),
    el('td', {}, String(s.attempts))));
  view.append(el('div', { class: 'card' },
    el('h2', {}, '提交记录'),
    rows.length === 0 ? el('p', { class: 'muted' }, '暂无提交记录。') :
      el('table', { class: 'history', id: 'history' },
        el('thead', {}, el('tr', {}, el('th', {}, '事项'), el('th', {}, '提交时间'), el('th', {}, '状态'), el('th', {}, '尝试次数'))),
        el('tbody', {}, rows))));
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
