// Forgot password (three methods, masked contacts) and the contact change request.
import { call, el, messageOf } from '../ipc.js';
import { actions, choices, createForm, noticeArea, notify } from '../forms.js';
import { codeButton, photoSlot, submitQueued } from '../widgets.js';

let lookup = null;

export function renderForgot(view) {
  const card = el('div', { class: 'card' });
  view.append(el('h1', {}, '忘记密码'), el('div', { class: 'columns' }, card, el('div', { class: 'help' },
    el('h2', {}, '解决密码遗忘途径'),
    el('ol', {},
      el('li', {}, '2019年3月1日之前注册的账号不能重置密码，需要重新注册账号。'),
      el('li', {}, '选择证件类型，输入对应的证件号码及姓名，点击“下一步”，再选择邮件、短信或微信方式重置密码。'),
      el('li', {}, '邮箱或手机号已无法使用时，可提交修改联系方式申请，经人工审核通过后再重置密码。')))));
  const area = noticeArea('forgot-notice');
  card.append(area);
  const step = el('div', { id: 'forgot-step' });
  card.append(step);
  const form = createForm(step, {
    id: 'forgot',
    fields: [
      { name: 'document_type', label: '证件类型：', type: 'select', options: choices.document_types },
      { name: 'document_number', label: '证件号码：', rule: 'document_number', context: ['document_type'] },
      { name: 'name', label: '姓名：', rule: 'name', context: ['document_type'] },
    ],
  });
  const next = el('button', { type: 'button', id: 'forgot-next' }, '下一步');
  next.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    try {
      lookup = await call('reset_start', { documentType: form.value('document_type'), documentNumber: form.value('document_number'), name: form.value('name') });
      renderMethods(step, area);
    } catch (error) {
      notify(area, messageOf(error), 'error');
    }
  });
  form.element.append(actions(next, el('a', { class: 'button secondary', href: '#/signin' }, '返回')));
}

function renderMethods(step, area) {
  notify(area, '');
  const tabs = el('div', { class: 'tabs', role: 'tablist' });
  const panel = el('div', { id: 'reset-panel', role: 'tabpanel' });
  const methods = [['email', '邮箱重置密码'], ['sms', '短信验证重置密码'], ['wechat', '微信验证重置密码']];
  const select = (method) => {
    for (const b of tabs.children) b.setAttribute('aria-selected', String(b.dataset.method === method));
    panel.replaceChildren();
    ({ email: emailPanel, sms: smsPanel, wechat: wechatPanel })[method](panel, area);
  };
  for (const [method, label] of methods) {
    tabs.append(el('button', { type: 'button', role: 'tab', id: `reset-${method}`, 'data-method': method, onclick: () => select(method) }, label));
  }
  step.replaceChildren(el('p', { class: 'muted' }, '重置方式：'), tabs, panel);
  select('sms');
}

function emailPanel(panel, area) {
  panel.append(
    el('div', { class: 'field' }, el('span', { class: 'label' }, '您注册的邮箱地址：'), el('p', { id: 'masked-email' }, lookup.masked_email || '未绑定')),
    el('div', { class: 'field' }, el('span', {}, ''), el('a', { href: '#/contact-change?kind=email', id: 'change-email' }, '修改邮箱地址')));
  const send = el('button', { type: 'button', id: 'reset-email-send' }, '确认');
  send.addEventListener('click', async () => {
    try {
      await call('reset_email', { lookupToken: lookup.token });
      notify(area, '重置密码邮件已发送，链接 24 小时内有效。QQ 等邮箱请同时查看垃圾邮件箱。', 'ok');
    } catch (error) { notify(area, messageOf(error), 'error'); }
  });
  panel.append(actions(send));
}

function smsPanel(panel, area) {
  const form = createForm(panel, {
    id: 'reset-sms', draft: false,
    fields: [
      { name: 'masked_phone', label: '您注册的手机号码：', type: 'readonly' },
      { name: 'code', label: '验证码：', rule: 'code', inputmode: 'numeric', extra: () => codeButton('reset-code-request', '免费获取验证码', async () => {
        try { await call('reset_sms_code', { lookupToken: lookup.token }); notify(area, '验证码已发送，5 分钟内有效。', 'ok'); return true; }
        catch (error) { notify(area, messageOf(error), 'error'); return false; }
      }) },
      { name: 'password', label: '新密码：', type: 'password', rule: 'password', persist: false },
      { name: 'password_confirm', label: '确认密码：', type: 'password', rule: 'password_confirm', context: ['password'], persist: false },
    ],
  });
  form.set('masked_phone', lookup.masked_phone || '未绑定');
  const confirm = el('button', { type: 'button', id: 'reset-sms-submit' }, '确认');
  confirm.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    try {
      await call('reset_complete', { lookupToken: lookup.token, code: form.value('code'), password: form.value('password') });
      notify(area, '密码已重置，请使用新密码登录。', 'ok');
      setTimeout(() => { location.hash = '#/signin'; }, 1200);
    } catch (error) { if (!form.showError(error)) notify(area, messageOf(error), 'error'); }
  });
  form.element.append(el('div', { class: 'field' }, el('span', {}, ''), el('a', { href: '#/contact-change?kind=phone', id: 'change-phone' }, '修改手机号码')), actions(confirm));
}

function wechatPanel(panel) {
  panel.append(el('p', {}, lookup.wechat_bound
    ? '请使用绑定的微信扫描“中国教师资格服务号”二维码，在服务号中点击“重置密码”，设置新密码后返回本页登录。'
    : '该账号未关联微信服务号，请选择邮箱或短信方式重置密码。'));
}

export function renderContactChange(view, params, app) {
  const kind = params.get('kind') === 'email' ? 'email' : 'phone';
  const what = kind === 'email' ? '邮箱地址' : '手机号码';
  const formId = `contact-change-${kind}`;
  const card = el('div', { class: 'card' });
  view.append(el('h1', {}, `修改${what}`), card);
  const area = noticeArea('contact-change-notice');
  card.append(area, el('p', { class: 'notice warn' }, '如您已进行认定或定期注册的报名，则不允许提交修改联系方式申请，请登录账号后自行修改相应联系方式。'));
  const photo = photoSlot({ form: formId, slot: 'holding', label: '上传本人手持身份证件照片：', testMode: app.info && app.info.test_mode });
  const form = createForm(card, {
    id: formId,
    fields: [
      { name: 'new_contact', label: `新的${what}：`, rule: kind },
      { name: 'code', label: '验证码：', rule: 'code', persist: false, extra: () => codeButton(`${formId}-code-request`, kind === 'email' ? '邮箱获取验证码' : '免费获取验证码', async () => {
        try { await call('code_request', { purpose: 'change_contact', channel: kind === 'email' ? 'email' : 'sms', destination: form.value('new_contact'), captchaToken: null }); notify(area, '验证码已发送。', 'ok'); return true; }
        catch (error) { if (!form.showError(error)) notify(area, messageOf(error), 'error'); return false; }
      }) },
      { type: 'custom', name: 'holding', render: () => photo.element },
      { name: 'reason', label: '申请的原因：', type: 'textarea', rule: 'reason' },
    ],
  });
  card.append(el('p', { class: 'muted' }, `当前状态：待提交。提交成功后需经工作人员审核，预计将在1个工作日内完成，审核结果将发送至新的${what}。`));
  const submit = el('button', { type: 'button', id: 'contact-change-submit' }, '提交');
  submit.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    if (!photo.ready()) { notify(area, '请上传符合要求的本人手持身份证件照片。', 'error'); return; }
    const payload = { lookup_token: lookup ? lookup.token : '', kind, new_contact: form.value('new_contact'), code: form.value('code'), reason: form.value('reason') };
    const sent = await submitQueued({ kind: 'contact_change', formApi: form, payload, slots: ['holding'], area });
    if (sent !== null) notify(area, `提交成功！请耐心等待工作人员审核，1个工作日内将审核结果发送至新的${what}。`, 'ok');
  });
  form.element.append(actions(submit, el('a', { class: 'button secondary', href: '#/forgot' }, '返回')));
}
