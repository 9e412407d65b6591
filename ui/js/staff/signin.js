// Staff sign-in: username, password and the 6-digit code of an authenticator app.
import { call, el, messageOf } from '../ipc.js';
import { actions, createForm, noticeArea, notify } from '../forms.js';

export async function renderStaffSignIn(view) {
  const identity = await call('staff_session').catch(() => null);
  if (identity) { location.hash = '#/staff/queue'; return; }
  const card = el('div', { class: 'card staff-signin' });
  view.append(el('h1', {}, '审核人员登录'), card);
  const area = noticeArea('staff-signin-notice');
  card.append(area);
  const form = createForm(card, {
    id: 'staff-signin', draft: false,
    fields: [
      { name: 'username', label: '用户名：', autocomplete: 'username' },
      { name: 'password', label: '密码：', type: 'password', persist: false },
      { name: 'totp_code', label: '动态验证码：', placeholder: '6 位数字', inputmode: 'numeric', hint: '打开身份验证器应用（绑定管理员发放的密钥），输入当前显示的 6 位数字。' },
    ],
  });
  const submit = el('button', { type: 'button', id: 'staff-signin-submit' }, '登录');
  const send = async () => {
    submit.disabled = true;
    try {
      await call('staff_sign_in', { username: form.value('username'), password: form.value('password'), totpCode: form.value('totp_code') });
      location.hash = '#/staff/queue';
    } catch (error) {
      if (!form.showError(error)) notify(area, messageOf(error), 'error');
    } finally {
      submit.disabled = false;
    }
  };
  submit.addEventListener('click', send);
  form.element.addEventListener('keydown', (event) => { if (event.key === 'Enter') send(); });
  form.element.append(actions(submit, el('a', { class: 'button secondary', href: '#/start' }, '返回申请人首页')));
  card.append(el('p', { class: 'muted' }, '审核人员账号由管理员在服务器上创建。每次登录都需要密码和身份验证器中的动态验证码。'));
}
