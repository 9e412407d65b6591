// Personal centre: profile completion and edit, real-name verification with its
// confirmation and failure help, password and phone changes.
import { call, el, messageOf } from '../ipc.js';
import { actions, choices, createForm, documentTypeLabel, noticeArea, notify } from '../forms.js';
import { showDialog } from '../dialog.js';
import { codeButton, submitQueued } from '../widgets.js';

function centerTabs(current) {
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
  if (profile.review_pending) {
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

const VERIFY_HELP = [
  '不做实名核验也可登录系统，但在办理教师资格认定和定期注册业务之前必须完成实名核验。',
  '每日您可进行三次实名核验，如核验不通过，勿直接重复提交，请仔细核对您所填写的内容。',
  '如确认信息无误仍不能通过，可能是身份信息近期发生过变化、公安系统未及时更新。居民身份证持有人可通过开通网证（CTID）更新信息。',
  '网证办理失败、开通后依旧核验失败，或证件类型不是居民身份证的，可申请人工审核。',
  '人工审核仅能保证7个工作日内给出结论；待审核期间不能进行实名核验。',
  '每年1月1日到8月31日、9月1日到12月31日期间，各可以申请三次人工审核。',
];

export async function renderVerify(view, _params, app) {
  if (needSignIn(view, app)) return;
  view.append(el('h1', {}, '个人信息中心'), centerTabs('/verify'));
  const card = el('div', { class: 'card' });
  view.append(el('div', { class: 'columns' }, card, el('div', { class: 'help' }, el('h2', {}, '操作说明'), el('ol', {}, VERIFY_HELP.map((t) => el('li', {}, t))))));
  const area = noticeArea('verify-notice');
  card.append(area);
  let status;
  try { status = await call('verification_status'); } catch (error) { notify(area, messageOf(error), 'error'); return; }
  notify(area, status.summary, status.verified ? 'ok' : (status.review_pending ? 'warn' : ''));
  card.append(
    el('div', { class: 'field' }, el('span', { class: 'label' }, '证件类型：'), el('p', {}, status.document_type_label)),
    el('div', { class: 'field' }, el('span', { class: 'label' }, '证件号码：'), el('p', {}, status.document_number_masked)),
    el('div', { class: 'field' }, el('span', { class: 'label' }, '姓名：'), el('p', { id: 'verify-name' }, status.name)),
    el('p', { class: 'muted' }, '提示：如您的姓名中包含间隔符，请使用“·”；姓名中不可包含其他特殊符号。'));
  const run = el('button', { type: 'button', id: 'verify-run', disabled: status.review_pending }, '实名核验');
  run.addEventListener('click', async () => {
    const confirmed = await showDialog({
      id: 'verify-confirm', title: '实名核验',
      body: el('div', {},
        el('p', {}, `每日您最多可进行三次实名核验，您还剩 ${status.attempts_left} 次，是否确认提交？`),
        el('p', {}, '您使用当前证件号码进行实名核验的姓名为：', el('strong', { id: 'verify-confirm-name' }, status.name), '，请确认与证件是否一致。')),
      buttons: [{ label: '返回检查', value: false }, { label: '确认提交', value: true, primary: true }],
      cancelValue: false,
    });
    if (!confirmed) return;
    run.disabled = true;
    try {
      const result = await call('verification_run');
      if (result.verified) { notify(area, '实名核验成功，可继续办理业务。', 'ok'); }
      else { location.hash = '#/help'; return; }
    } catch (error) { notify(area, messageOf(error), 'error'); }
    run.disabled = false;
  });
  card.append(actions(run,
    status.review_allowed ? el('a', { class: 'button secondary', href: '#/review', id: 'to-review' }, '申请人工审核') : null));
}

export function renderHelp(view) {
  view.append(el('h1', {}, '实名核验未通过'),
    el('div', { class: 'card', id: 'verify-failed' },
      el('p', { class: 'notice error' }, '实名核验未通过。请不要直接重复提交，先参考以下建议。'),
      el('ol', {},
        el('li', {}, '核对姓名、证件号码是否与证件完全一致（包括间隔符“·”）。'),
        el('li', {}, '信息无误仍不通过，可能是您的身份信息近期发生过变化，公安系统未及时更新。居民身份证持有人可开通 CTID 网证后再核验。'),
        el('li', {}, '证件类型不是居民身份证，或开通网证失败的，请申请人工审核。'))),
    el('div', { class: 'card guide' },
      el('h2', {}, '居民身份证网上功能凭证（CTID 网证）开通指南'),
      el('ol', {},
        el('li', {}, '在应用市场搜索“CTID”，下载 CTID 官方应用。'),
        el('li', {}, '在应用中注册并登录账号。'),
        el('li', {}, '在首页点击“居民网证开通”。'),
        el('li', {}, '开通方式：“四项信息 + 人像采集”，或具备 NFC 功能的手机选择“识别身份证 + 人像采集”。识别身份证时将证件靠近手机背部读卡区并保持 3~5 秒。'),
        el('li', {}, '人像采集成功后，通过短信验证码绑定手机号。'),
        el('li', {}, '设置八位数字网证口令，提交开通申请。'),
        el('li', {}, '开通成功后即可回到本应用再次实名核验；下载网证、二维码等与本业务无关。'))),
    actions(el('a', { class: 'button', href: '#/review', id: 'help-to-review' }, '申请人工审核'), el('a', { class: 'button secondary', href: '#/verify' }, '返回')));
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
    const sent = await submitQueued({ kind: 'password_change', formApi: form, payload: { current_password: form.value('current_password'), new_password: form.value('password') }, area });
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
        try { await call('code_request', { purpose: 'change_contact', channel: 'sms', destination: form.value('phone'), captchaToken: null }); notify(area, '验证码已发送。', 'ok'); return true; }
        catch (error) { if (!form.showError(error)) notify(area, messageOf(error), 'error'); return false; }
      }) },
    ],
  });
  const submit = el('button', { type: 'button', id: 'phone-submit' }, '确认修改');
  submit.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    const sent = await submitQueued({ kind: 'phone_change', formApi: form, payload: { current_password: form.value('current_password'), phone: form.value('phone'), code: form.value('code') }, area });
    if (sent !== null) notify(area, '手机号码已修改，通知已发送到原联系方式。', 'ok');
  });
  form.element.append(actions(submit));
}
