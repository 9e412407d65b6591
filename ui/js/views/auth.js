// Sign-in and registration.
import { call, el, messageOf } from '../ipc.js';
import { actions, choices, createForm, noticeArea, notify, periodsFor } from '../forms.js';
import { showDialog } from '../dialog.js';
import { captchaField, codeButton, sliderCaptcha, submitQueued } from '../widgets.js';
import { refreshSession } from '../app.js';
import { wechatSimulator } from './wechat.js';

const BUSINESS = { certification: '教师资格认定', registration: '中小学教师资格定期注册' };

function passwordToggle(formId, name) {
  return () => {
    const button = el('button', { type: 'button', class: 'secondary small', 'aria-pressed': 'false', 'aria-controls': `${formId}-${name}`, id: `${formId}-${name}-toggle` }, '显示密码');
    button.addEventListener('click', () => {
      const input = document.getElementById(`${formId}-${name}`);
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      button.textContent = show ? '隐藏密码' : '显示密码';
      button.setAttribute('aria-pressed', String(show));
    });
    return button;
  };
}

export function renderSignIn(view, params, app) {
  const business = params.get('business');
  if (business) app.business = business;
  const card = el('div', { class: 'card' });
  view.append(el('h1', {}, `账号登录${app.business ? ` · ${BUSINESS[app.business]}` : ''}`), card);
  const area = noticeArea('signin-notice');
  card.append(area);
  let passToken = null;
  const captcha = sliderCaptcha('signin-captcha', 'sign_in', (token) => { passToken = token; });
  const form = createForm(card, {
    id: 'signin',
    fields: [
      { name: 'document_type', label: '身份证件类型：', type: 'select', options: choices.document_types },
      { name: 'document_number', label: '账号（身份证件号码）：', placeholder: '请输入身份证件号码', rule: 'document_number', context: ['document_type'] },
      { name: 'password', label: '密码：', type: 'password', persist: false, extra: passwordToggle('signin', 'password') },
      captchaField(captcha),
    ],
  });
  const submit = el('button', { type: 'button', id: 'signin-submit' }, '登录');
  submit.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    if (!passToken) { notify(area, '请先向右拖动滑块完成图形验证。', 'error'); captcha.element.querySelector('[role=slider]').focus(); return; }
    submit.disabled = true;
    try {
      const result = await call('sign_in', { documentType: form.value('document_type'), documentNumber: form.value('document_number'), password: form.value('password'), captchaToken: passToken });
      await form.discardDraft();
      await refreshSession();
      location.hash = result.profile_incomplete ? '#/profile' : '#/verify';
    } catch (error) {
      if (!form.showError(error)) notify(area, messageOf(error), 'error');
      passToken = null;
      captcha.reset();
    } finally {
      submit.disabled = false;
    }
  });
  form.restored.then(() => { if (!form.value('document_type')) form.set('document_type', 'resident_id_card'); });
  form.element.append(actions(submit,
    el('a', { class: 'button secondary', href: '#/register', id: 'to-register' }, '注册'),
    el('a', { class: 'button secondary', href: '#/forgot', id: 'to-forgot' }, '忘记密码')));
  card.append(el('p', { class: 'muted' }, '中小学教师资格考试网的账号无法在本网站登录。还没有账号？请先注册。'));
}

const AGREEMENT = [
  '一、本网站为教师资格认定和定期注册申请人提供账号注册、登录、实名核验等服务。',
  '二、申请人应使用本人有效身份证件注册，如实填写各项信息，并对所填信息的真实性负责。账号为身份证件号码，注册后不可修改。',
  '三、申请人应妥善保管账号密码，不得转让或出借账号。因申请人保管不善造成的损失由申请人承担。',
  '四、本网站依法收集和使用申请人的个人信息，仅用于教师资格相关业务，采取加密等措施保护个人信息安全，不向无关第三方提供。',
  '五、申请人提交的身份证件照片仅用于人工审核，审核人员对审核中知悉的个人信息负有保密义务。',
  '六、申请人不得利用本网站从事违法活动，不得干扰网站正常运行。',
  '七、本协议自申请人勾选同意并完成注册之日起生效。',
];

function showAgreement() {
  return showDialog({
    id: 'agreement',
    title: '中国教师资格网注册协议',
    body: el('div', {}, AGREEMENT.map((p) => el('p', {}, p))),
    buttons: [{ label: '关闭', value: false }, { label: '我同意遵守协议', value: true, primary: true }],
    cancelValue: false,
  });
}

export function renderRegister(view, _params, app) {
  const card = el('div', { class: 'card' });
  view.append(el('h1', {}, '账号注册'), el('p', { class: 'muted' }, '提示：每一项都要手动输入。账号只需要注册一次。'), card);
  const area = noticeArea('register-notice');
  card.append(area);
  let passToken = null;
  const captcha = sliderCaptcha('register-captcha', 'send_code', (token) => { passToken = token; });
  const wechat = el('div', { id: 'register-wechat', hidden: true });
  const codeRequest = async () => {
    if (!passToken) { notify(area, '请先向右拖动滑块完成图形验证，再获取验证码。', 'error'); return false; }
    const problem = await form.check('phone');
    if (problem || !form.value('phone')) { form.show('phone', problem || { message: '请先填写手机号码。' }); return false; }
    try {
      await call('code_request', { purpose: 'register', channel: 'sms', destination: form.value('phone'), captchaToken: passToken });
      notify(area, '验证码已发送，5 分钟内有效。', 'ok');
      return true;
    } catch (error) {
      if (!form.showError(error)) notify(area, messageOf(error), 'error');
      passToken = null; captcha.reset();
      return false;
    }
  };
  const form = createForm(card, {
    id: 'register',
    fields: [
      { name: 'document_type', label: '身份证件类型：', type: 'select', options: choices.document_types },
      { name: 'document_number', label: '身份证件号码：', placeholder: '请准确填写身份证件号码', rule: 'document_number', context: ['document_type'], hint: '通行证只填 9 位（H 或 M 及 8 位数字）或 8 位数字，最后两位换证次数无需填写。' },
      { name: 'name', label: '姓名：', placeholder: '请填写与身份证件一致的姓名', rule: 'name', context: ['document_type'] },
      { name: 'validity_period', label: '身份证件有效时间段：', type: 'radio', options: periodsFor('resident_id_card') },
      { name: 'validity_start', label: '身份证件有效开始日期：', placeholder: 'YYYY-MM-DD', rule: 'validity_start', context: ['validity_period', 'document_number', 'document_type'] },
      { name: 'validity_end', label: '身份证件有效截止日期：', type: 'readonly', placeholder: '选择时间段和开始日期后自动生成' },
      { name: 'password', label: '密码：', type: 'password', persist: false, rule: 'password', context: ['document_number'], placeholder: '8位以上数字、字母和特殊符号组合', hint: '特殊符号从 # % * - _ ! @ $ & 中选取；请将输入法切换为英文。', extra: passwordToggle('register', 'password') },
      { name: 'password_confirm', label: '确认密码：', type: 'password', persist: false, rule: 'password_confirm', context: ['password'], placeholder: '请再次输入密码' },
      { name: 'email', label: '安全邮箱：', rule: 'email', placeholder: '请输入电子邮箱地址', hint: 'QQ 邮箱请使用 @ 前为纯数字的形式。' },
      { name: 'phone', label: '手机号码：', rule: 'phone', placeholder: '请输入11位手机号码', inputmode: 'numeric' },
      captchaField(captcha),
      { name: 'code_channel', label: '验证码来源：', type: 'radio', options: [['sms', '短信验证'], ['wechat', '微信扫码验证']] },
      { name: 'code', label: '验证码：', rule: 'code', inputmode: 'numeric', persist: false, extra: () => codeButton('register-code-request', '通过短信免费获取验证码', codeRequest) },
      { type: 'custom', name: 'wechat', render: () => el('div', { class: 'field' }, el('span', {}, ''), wechat) },
      { name: 'agreement', label: '注册协议：', type: 'radio', options: [['agreed', '我已阅读并同意《中国教师资格网注册协议》']] },
    ],
    onChange: async (name, api) => {
      if (name === 'document_type') api.setOptions('validity_period', periodsFor(api.value('document_type')));
      if (name === 'validity_period' || name === 'validity_start') {
        const end = await call('validity_end_date', { period: api.value('validity_period'), startDate: api.value('validity_start') }).catch(() => null);
        api.set('validity_end', api.value('validity_period') === 'long_term' ? '长期' : (end || ''));
      }
      if (name === 'code_channel') showWechat(api.value('code_channel') === 'wechat');
    },
  });
  const showWechat = (visible) => {
    wechat.hidden = !visible;
    document.getElementById('register-code-request').hidden = visible;
    if (!visible || wechat.childElementCount > 0) return;
    wechat.append(
      el('ol', { class: 'wechat-steps', id: 'register-wechat-steps' },
        el('li', {}, '用本人手机微信搜索并关注“中国教师资格服务号”。'),
        el('li', {}, '在服务号中点击菜单“取验证码”，按提示发送您的身份证件号码。'),
        el('li', {}, '将服务号回复的 6 位验证码填入上方“验证码”一栏。用此方式注册的账号将与该微信绑定，之后也可通过微信重置密码。')),
      wechatSimulator({
        id: 'register-wechat-sim',
        actionsList: [
          { label: '点击菜单“取验证码”', menuKey: 'GET_CODE' },
          { label: '发送证件号码', text: () => form.value('document_number').trim() },
        ],
      }));
  };
  const agreementLink = el('button', { type: 'button', class: 'link-button', id: 'agreement-open' }, '阅读《中国教师资格网注册协议》');
  agreementLink.addEventListener('click', async () => {
    if (await showAgreement()) { form.set('agreement', 'agreed'); form.show('agreement', null); }
  });
  form.element.querySelector('div.field[data-field="agreement"] .control').append(agreementLink);
  const submit = el('button', { type: 'button', id: 'register-submit' }, '提交');
  submit.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    const v = form.values();
    const payload = {
      document_type: v.document_type, document_number: v.document_number, name: v.name,
      validity_period: v.validity_period, validity_start: v.validity_start,
      password: v.password, password_confirmation: v.password_confirm, email: v.email, phone: v.phone,
      code: v.code, agreement_accepted: v.agreement === 'agreed',
    };
    submit.disabled = true;
    const sent = await submitQueued({ kind: 'register', formApi: form, payload, area });
    submit.disabled = false;
    if (sent !== null) {
      notify(area, '注册成功，请使用身份证件号码和密码登录。', 'ok');
      setTimeout(() => { location.hash = '#/signin'; }, 1200);
    }
  });
  form.element.append(actions(submit, el('a', { class: 'button secondary', href: '#/signin' }, '返回')));
  form.restored.then(() => {
    if (!form.value('code_channel')) form.set('code_channel', 'sms');
    if (!form.value('document_type')) { form.set('document_type', 'resident_id_card'); form.setOptions('validity_period', periodsFor('resident_id_card')); }
  });
  return app;
}
