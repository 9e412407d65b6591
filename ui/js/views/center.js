// Personal centre: profile completion and edit, password and phone changes.
import { call, el, messageOf } from '../ipc.js';
import { actions, choices, createForm, documentTypeLabel, noticeArea, notify } from '../forms.js';
import { codeButton, submitQueued } from '../widgets.js';

export function centerTabs(current) {
  const items = [['/profile', '修改个人信息'], ['/verify', '实名核验'], ['/password', '修改密码'], ['/phone', '修改手机号码']];
  return el('nav', { class: 'tabs', 'aria-label': '个人信息中心' }, items.map(([path, label]) =>
    el('a', { href: `#${path}`, 'aria-current': path === current ? 'page' : null }, label)));
}

export function needSignIn(view, app) {
  if (app.info && app.info.signed_in) return false;
  view.append(el('h1', {}, '个人信息中心'), el('p', { class: 'notice' }, '请先登录。'), el('a', { class: 'button', href: '#/signin' }, '去登录'));
  return true;
}

const GENDERS = [['male', '男'], ['female', '女']];

export async function renderProfile(view, _params, app) {
  if (needSignIn(view, app)) return;
  view.append(el('h1', {}, '个人信息中心'), centerTabs('/profile'));
  const card = el('div', { class: 'card' });
  view.append(card);
  const area = noticeArea('profile-notice');
  card.append(area);
  let profile;
  try {
    profile = await call('profile_get');
  } catch (error) {
    notify(area, messageOf(error), 'error');
    return;
  }
  if (profile.missing_fields.length > 0) notify(area, '首次登录，请先完善个人身份信息。', 'warn');
  const resident = profile.document_type === 'resident_id_card';
  const permitHolder = profile.document_type.endsWith('residence_permit');
  const fields = [
    { name: 'document_type_label', label: '身份证件类型：', type: 'readonly' },
    { name: 'document_number_masked', label: '身份证件号码：', type: 'readonly' },
    { name: 'name', label: '姓名：', type: 'readonly', hint: '姓名如有变化，请在“实名核验”页面修改。' },
  ];
  if (!resident) {
    fields.push(
      { name: 'region', label: '地区：', type: 'select', options: choices.regions },
      { name: 'gender', label: '性别：', type: 'radio', options: GENDERS },
      { name: 'birth_date', label: '出生日期：', placeholder: 'YYYY-MM-DD', rule: 'birth_date' });
  }
  fields.push({ name: 'ethnicity', label: '民族：', type: 'select', options: choices.ethnicities });
  if (!resident) {
    fields.push({ name: 'local_id_number', label: '港澳台当地身份证件号码：', rule: 'local_id_number', context: ['region'], hint: '例如 A123456(7)。' });
  }
  if (permitHolder) {
    fields.push({ name: 'travel_permit_number', label: '通行证号码：', rule: 'travel_permit_number', context: ['region'], hint: '实名核验使用通行证信息，请务必保证姓名和通行证号码与证件一致。' });
  }
  const form = createForm(card, { id: 'profile', fields });
  form.set('document_type_label', documentTypeLabel(profile.document_type));
  form.set('document_number_masked', profile.document_number_masked);
  form.set('name', profile.name);
  await form.restored;
  for (const key of ['region', 'gender', 'birth_date', 'ethnicity', 'local_id_number', 'travel_permit_number']) {
    if (profile[key] && !form.value(key)) form.set(key, profile[key]);
  }
  const verification = await call('verification_status').catch(() => null);
  if (verification && verification.pending_review) {
    notify(area, '您已提交人工审核，审核期间不能修改个人信息。', 'warn');
    for (const input of form.element.querySelectorAll('input, select')) input.disabled = true;
    return;
  }
  const submit = el('button', { type: 'button', id: 'profile-submit' }, '提交');
  submit.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    const { document_type_label: _t, document_number_masked: _n, name: _name, ...payload } = form.values();
    const sent = await submitQueued({ kind: 'profile', formApi: form, payload, area });
    if (sent !== null) { notify(area, '个人信息已保存。', 'ok'); setTimeout(() => { location.hash = '#/verify'; }, 900); }
  });
  form.element.append(actions(submit));
  card.append(el('p', { class: 'muted' }, '建议通过微信扫码关注“中国教师资格服务号”并与本系统账号绑定，以便忘记密码时重置密码。'));
}

export function renderPassword(view, _params, app) {
  if (needSignIn(view, app)) return;
  view.append(el('h1', {}, '个人信息中心'), centerTabs('/password'));
  const card = el('div', { class: 'card' });
  view.append(card);
  const area = noticeArea('password-notice');
  card.append(area);
  const form = createForm(card, {
    id: 'password-change', draft: false,
    fields: [
      { name: 'current_password', label: '当前密码：', type: 'password' },
      { name: 'password', label: '新密码：', type: 'password', rule: 'password' },
      { name: 'password_confirm', label: '确认新密码：', type: 'password', rule: 'password_confirm', context: ['password'] },
    ],
  });
  const submit = el('button', { type: 'button', id: 'password-submit' }, '确认修改');
  submit.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    const sent = await submitQueued({ kind: 'password_change', formApi: form, payload: { current_password: form.value('current_password'), new_password: form.value('password'), new_password_confirmation: form.value('password_confirm') }, area });
    if (sent !== null) notify(area, '密码已修改，其他设备上的登录已失效。', 'ok');
  });
  form.element.append(actions(submit));
}

export function renderPhone(view, _params, app) {
  if (needSignIn(view, app)) return;
  view.append(el('h1', {}, '个人信息中心'), centerTabs('/phone'));
  const card = el('div', { class: 'card' });
  view.append(card);
  const area = noticeArea('phone-notice');
  card.append(area);
  const form = createForm(card, {
    id: 'phone-change',
    fields: [
      { name: 'current_password', label: '当前密码：', type: 'password', persist: false },
      { name: 'phone', label: '新手机号码：', rule: 'phone' },
      { name: 'code', label: '验证码：', rule: 'code', persist: false, extra: () => codeButton('phone-code-request', '免费获取验证码', async () => {
        const problem = await form.check('phone');
        if (problem || !form.value('phone')) { form.show('phone', problem || { message: '请先填写新手机号码。' }); return false; }
        try { await call('contact_code', { kind: 'phone', value: form.value('phone') }); notify(area, '验证码已发送到新手机号码。', 'ok'); return true; }
        catch (error) { if (!form.showError(error)) notify(area, messageOf(error), 'error'); return false; }
      }) },
    ],
  });
  const submit = el('button', { type: 'button', id: 'phone-submit' }, '确认修改');
  submit.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    const sent = await submitQueued({ kind: 'phone_change', formApi: form, payload: { current_password: form.value('current_password'), value: form.value('phone'), code: form.value('code') }, area });
    if (sent !== null) notify(area, '手机号码已修改，通知已发送到原联系方式。', 'ok');
  });
  form.element.append(actions(submit));
}
