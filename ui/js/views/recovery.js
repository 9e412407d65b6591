// Forgot password (three methods, masked contacts) and the contact change request.
import { call, el, messageOf } from '../ipc.js';
import { actions, choices, createForm, noticeArea, notify } from '../forms.js';
import { captchaField, codeButton, photoSlot, sliderCaptcha, submitQueued } from '../widgets.js';
import { wechatSimulator } from './wechat.js';
import { table, when } from './start.js';

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
  const captcha = sliderCaptcha('forgot-captcha', 'password_reset');
  const form = createForm(step, {
    id: 'forgot',
    fields: [
      { name: 'document_type', label: '证件类型：', type: 'select', options: choices.document_types },
      { name: 'document_number', label: '证件号码：', rule: 'document_number', context: ['document_type'] },
      { name: 'name', label: '姓名：', rule: 'name', context: ['document_type'] },
      captchaField(captcha),
    ],
  });
  const next = el('button', { type: 'button', id: 'forgot-next' }, '下一步');
  next.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    const pass = captcha.take();
    if (!pass) { notify(area, '请先向右拖动滑块完成图形验证。', 'error'); captcha.element.querySelector('[role=slider]').focus(); return; }
    next.disabled = true;
    try {
      lookup = await call('reset_start', { documentType: form.value('document_type'), documentNumber: form.value('document_number'), name: form.value('name'), captchaToken: pass });
      renderMethods(step, area);
    } catch (error) {
      if (!form.showError(error)) notify(area, messageOf(error), 'error');
    } finally {
      next.disabled = false;
    }
  });
  form.restored.then(() => { if (!form.value('document_type')) form.set('document_type', 'resident_id_card'); });
  form.element.append(actions(next, el('a', { class: 'button secondary', href: '#/signin' }, '返回'),
    el('a', { class: 'button secondary', href: '#/reset-link', id: 'forgot-have-link' }, '已收到重置链接')));
}

/** Renders the new password form for a reset link from an email or a WeChat reply. */
export function renderResetLink(view, params) {
  const card = el('div', { class: 'card' });
  view.append(el('h1', {}, '通过重置链接设置新密码'), card);
  const area = noticeArea('reset-link-notice');
  card.append(area, el('p', { class: 'muted' }, '重置链接 24 小时内有效，只能使用一次。链接失效后请重新使用“忘记密码”。'));
  const form = newPasswordForm(card, area, 'reset-link',
    [{ name: 'link', label: '重置链接：', placeholder: '粘贴邮件或微信中的完整链接', persist: false }],
    (f) => call('reset_complete_link', { link: f.value('link'), password: f.value('password'), passwordConfirmation: f.value('password_confirm') }));
  const link = params.get('link');
  if (link) form.restored.then(() => form.set('link', link));
}

function renderMethods(step, area) {
  notify(area, '');
  const tabs = el('div', { class: 'tabs', role: 'tablist', 'aria-label': '重置方式' });
  const panel = el('div', { id: 'reset-panel', role: 'tabpanel', tabindex: '-1' });
  const methods = [['email', '邮箱重置密码'], ['sms', '短信验证重置密码'], ['wechat', '微信验证重置密码']];
  const select = (method) => {
    for (const b of tabs.children) {
      const chosen = b.dataset.method === method;
      b.setAttribute('aria-selected', String(chosen));
      b.tabIndex = chosen ? 0 : -1;
    }
    panel.setAttribute('aria-labelledby', `reset-method-${method}`);
    panel.replaceChildren();
    ({ email: emailPanel, sms: smsPanel, wechat: wechatPanel })[method](panel, area);
  };
  for (const [method, label] of methods) {
    tabs.append(el('button', { type: 'button', role: 'tab', id: `reset-method-${method}`, 'aria-controls': 'reset-panel', 'data-method': method, onclick: () => select(method) }, label));
  }
  tabs.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const buttons = [...tabs.children];
    const now = buttons.findIndex((b) => b.getAttribute('aria-selected') === 'true');
    const next = buttons[(now + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length];
    select(next.dataset.method);
    next.focus();
  });
  step.replaceChildren(
    el('div', { class: 'field' }, el('span', { class: 'label' }, '您注册的邮箱地址：'), el('p', { id: 'masked-email' }, lookup.masked_email || '未绑定')),
    el('div', { class: 'field' }, el('span', { class: 'label' }, '您注册的手机号码：'), el('p', { id: 'masked-phone' }, lookup.masked_phone || '未绑定')),
    el('p', { class: 'muted' }, '如以上邮箱或手机号已不再使用，可在对应方式下申请修改。'),
    tabs, panel);
  select('sms');
}

/** The new password twice, with a confirm button that runs `complete`. */
function newPasswordForm(panel, area, id, extraFields, complete) {
  const form = createForm(panel, {
    id, draft: false,
    fields: [
      ...extraFields,
      { name: 'password', label: '新密码：', type: 'password', rule: 'password', persist: false, hint: '8位以上，含数字、字母和特殊符号（# % * - _ ! @ $ &）。' },
      { name: 'password_confirm', label: '确认密码：', type: 'password', rule: 'password_confirm', context: ['password'], persist: false },
    ],
  });
  const confirm = el('button', { type: 'button', id: `${id}-submit` }, '确认重置');
  confirm.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    confirm.disabled = true;
    try {
      const done = await complete(form);
      notify(area, `账号 ${done.masked_document_number} 的密码已重置，请使用新密码登录。`, 'ok');
      setTimeout(() => { location.hash = '#/signin'; }, 1500);
    } catch (error) {
      if (!form.showError(error)) notify(area, messageOf(error), 'error');
      confirm.disabled = false;
    }
  });
  form.element.append(actions(confirm));
  return form;
}

function emailPanel(panel, area) {
  const send = el('button', { type: 'button', id: 'reset-email-send' }, '发送重置邮件');
  send.addEventListener('click', async () => {
    send.disabled = true;
    try {
      const sent = await call('reset_email', { ticket: lookup.ticket });
      notify(area, `${sent.message}（发送至 ${sent.sent_to}）`, 'ok');
    } catch (error) { notify(area, messageOf(error), 'error'); }
    send.disabled = false;
  });
  panel.append(
    el('p', {}, '重置链接将发送到您注册的邮箱，24 小时内有效，只能使用一次。QQ 等网页邮箱请同时查看垃圾邮件箱。'),
    actions(send, el('a', { class: 'button secondary', href: '#/contact-change?kind=email', id: 'change-email' }, '邮箱已不用？申请修改邮箱地址')),
    el('h2', {}, '收到邮件后'));
  newPasswordForm(panel, area, 'reset-link',
    [{ name: 'link', label: '邮件中的重置链接：', placeholder: '粘贴完整链接', persist: false }],
    (form) => call('reset_complete_link', { link: form.value('link'), password: form.value('password'), passwordConfirmation: form.value('password_confirm') }));
}

function smsPanel(panel, area) {
  const captcha = sliderCaptcha('reset-sms-captcha', 'send_code');
  const codeField = {
    name: 'code', label: '短信验证码：', rule: 'code', inputmode: 'numeric', persist: false,
    extra: () => codeButton('reset-code-request', '免费获取验证码', async () => {
      const pass = captcha.take();
      if (!pass) { notify(area, '请先向右拖动滑块完成图形验证，再获取验证码。', 'error'); return false; }
      try {
        const sent = await call('reset_sms_code', { ticket: lookup.ticket, captchaToken: pass });
        notify(area, `验证码已发送至 ${sent.sent_to}，5 分钟内有效。`, 'ok');
        return true;
      } catch (error) { notify(area, messageOf(error), 'error'); return false; }
    }),
  };
  newPasswordForm(panel, area, 'reset-sms', [captchaField(captcha), codeField],
    (form) => call('reset_complete', { ticket: lookup.ticket, code: form.value('code'), password: form.value('password'), passwordConfirmation: form.value('password_confirm') }));
  panel.append(actions(el('a', { class: 'button secondary', href: '#/contact-change?kind=phone', id: 'change-phone' }, '手机号已不用？申请修改手机号码')));
}

async function wechatPanel(panel, area) {
  if (!lookup.wechat_bound) {
    panel.append(el('p', { class: 'notice warn', id: 'reset-wechat-unbound' }, '该账号注册时未使用微信验证，未与“中国教师资格服务号”绑定，不能通过微信重置密码。请选择邮箱或短信方式。'));
    return;
  }
  const steps = el('p', { id: 'reset-wechat-steps' }, '正在读取微信重置说明…');
  panel.append(steps);
  try {
    steps.textContent = (await call('reset_wechat', { ticket: lookup.ticket })).message;
  } catch (error) { steps.textContent = messageOf(error); }
  // Another method may have been chosen while the instructions loaded.
  if (panel.getAttribute('aria-labelledby') !== 'reset-method-wechat') return;
  let form = null;
  panel.append(wechatSimulator({
    id: 'reset-wechat-sim',
    actionsList: [{ label: '点击菜单“重置密码”', menuKey: 'RESET_PASSWORD' }],
    onReply: (text) => {
      const link = (text.match(/https?:\/\/\S+/) || [])[0];
      if (link && form) form.set('link', link);
    },
  }));
  form = newPasswordForm(panel, area, 'reset-wechat',
    [{ name: 'link', label: '微信回复的重置链接：', placeholder: '粘贴完整链接', persist: false }],
    (f) => call('reset_complete_link', { link: f.value('link'), password: f.value('password'), passwordConfirmation: f.value('password_confirm') }));
}

export function renderContactChange(view, params, app) {
  const kind = params.get('kind') === 'email' ? 'email' : 'phone';
  const what = kind === 'email' ? '邮箱地址' : '手机号码';
  const formId = `contact-change-${kind}`;
  const card = el('div', { class: 'card' });
  view.append(el('h1', {}, `修改${what}`), card);
  const area = noticeArea('contact-change-notice');
  card.append(area, el('p', { class: 'notice warn' }, '如您已进行认定或定期注册的报名，则不允许提交修改联系方式申请，请登录账号后自行修改相应联系方式。'));
  if (!lookup) {
    notify(area, '请先在“忘记密码”页面填写证件类型、证件号码和姓名并点击“下一步”，再申请修改联系方式。', 'warn');
    card.append(actions(el('a', { class: 'button', href: '#/forgot', id: 'contact-change-to-forgot' }, '去填写')));
    return;
  }
  const photo = photoSlot({ form: formId, slot: 'photo', label: '上传本人手持身份证件照片：', testMode: app.info && app.info.test_mode });
  const captcha = sliderCaptcha(`${formId}-captcha`, 'send_code');
  const codeRequest = async () => {
    const problem = await form.check('value');
    if (problem || !form.value('value')) {
      form.show('value', problem || { message: `请先填写新的${what}。` });
      return false;
    }
    const pass = captcha.take();
    if (!pass) { notify(area, '请先向右拖动滑块完成图形验证，再获取验证码。', 'error'); return false; }
    try {
      await call('contact_change_code', { ticket: lookup.ticket, kind, value: form.value('value'), captchaToken: pass });
      notify(area, `验证码已发送到新的${what}。`, 'ok');
      return true;
    } catch (error) {
      if (!form.showError(error)) notify(area, messageOf(error), 'error');
      return false;
    }
  };
  const form = createForm(card, {
    id: formId,
    fields: [
      { name: 'value', label: `新的${what}：`, rule: kind },
      captchaField(captcha),
      { name: 'code', label: '验证码：', rule: 'code', persist: false, inputmode: 'numeric', extra: () => codeButton(`${formId}-code-request`, kind === 'email' ? '邮箱获取验证码' : '免费获取验证码', codeRequest) },
      { type: 'custom', name: 'photo', render: () => photo.element },
      { name: 'reason', label: '申请的原因：', type: 'textarea', rule: 'reason' },
    ],
  });
  card.append(el('p', { class: 'muted' }, `提交成功后需经工作人员审核，预计将在1个工作日内完成，审核结果将发送至新的${what}。提交后可在“我的状态”查看。`));
  const submit = el('button', { type: 'button', id: 'contact-change-submit' }, '提交');
  submit.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    if (!photo.ready()) { notify(area, '请上传符合要求的本人手持身份证件照片；过大的照片可点击“自动调整”。', 'error'); return; }
    const payload = { ticket: lookup.ticket, kind, value: form.value('value'), code: form.value('code'), reason: form.value('reason') };
    const sent = await submitQueued({ kind: 'contact_change', formApi: form, payload, slots: ['photo'], area });
    if (sent !== null) notify(area, sent.message || `提交成功！请耐心等待工作人员审核，1个工作日内将审核结果发送至新的${what}。`, 'ok');
    history.refresh();
  });
  form.element.append(actions(submit, el('a', { class: 'button secondary', href: '#/forgot' }, '返回')));
  const history = requestHistory(lookup.ticket);
  view.append(history.element);
}

const REQUEST_STATUS_TEXT = { pending: '待审核', approved: '已通过', rejected: '未通过' };

/** Returns a card that lists the account's contact change requests from the server. */
function requestHistory(ticket) {
  const element = el('div', { class: 'card', id: 'contact-change-requests' });
  const refresh = async () => {
    try {
      const requests = await call('contact_change_requests', { ticket });
      const rows = requests.map((r) => el('tr', { 'data-status': r.status },
        el('td', {}, when(r.submitted_at)),
        el('td', {}, r.kind === 'email' ? '邮箱地址' : '手机号码'),
        el('td', {}, r.new_value_masked),
        el('td', { class: `contact-${r.status}` }, REQUEST_STATUS_TEXT[r.status] || r.status),
        el('td', {}, r.decision_reason ? `${r.message}驳回原因：${r.decision_reason}` : r.message)));
      element.replaceChildren(el('h2', {}, '本账号的修改联系方式申请'),
        table('contact-change-request-list', ['提交时间', '修改项', '新的联系方式', '状态', '说明'], rows, '本账号暂无修改联系方式申请。'));
    } catch (error) {
      element.replaceChildren(el('h2', {}, '本账号的修改联系方式申请'), el('p', { class: 'notice error' }, messageOf(error)));
    }
  };
  refresh();
  return { element, refresh };
}
