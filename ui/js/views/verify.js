// Real-name verification: the exact name confirmed with the attempts left today, the
// help after a failure, and the CTID online credential guide.
import { call, el, messageOf } from '../ipc.js';
import { actions, createForm, documentTypeLabel, noticeArea, notify } from '../forms.js';
import { showDialog } from '../dialog.js';
import { centerTabs, needSignIn } from './center.js';

const VERIFY_HELP = [
  '不做实名核验也可登录系统，但在办理教师资格认定和定期注册业务之前必须完成实名核验。',
  '每日您可进行三次实名核验，如核验不通过，勿直接重复提交，请仔细核对您所填写的内容。',
  '如确认信息无误仍不能通过，可能是身份信息近期发生过变化、公安系统未及时更新。居民身份证持有人可通过开通网证（CTID）更新信息。',
  '网证办理失败、开通后依旧核验失败，或证件类型不是居民身份证的，可申请人工审核。',
  '人工审核仅能保证7个工作日内给出结论；待审核期间不能进行实名核验。',
  '每年1月1日到8月31日、9月1日到12月31日期间，各可以申请三次人工审核。',
];

/** Asks the applicant to confirm the exact name and shows the attempts left today. */
export function confirmVerification(name, attemptsLeft) {
  return showDialog({
    id: 'verify-confirm', title: '实名核验',
    body: el('div', {},
      el('p', {}, '每日您最多可进行三次实名核验，您今日还剩 ', el('strong', { id: 'verify-confirm-left' }, String(attemptsLeft)), ' 次，是否确认提交？'),
      el('p', {}, '本次核验使用的姓名为：', el('strong', { id: 'verify-confirm-name', class: 'exact-name' }, name)),
      el('p', { class: 'muted' }, '请逐字确认与身份证件上的姓名完全一致（包括间隔符“·”）。')),
    buttons: [{ label: '返回检查', value: false }, { label: '确认核验', value: true, primary: true }],
    cancelValue: false,
  });
}

/** The help shown after a failed verification, from the server's answer. */
function failureHelp(help, attemptsLeft) {
  const items = [el('li', {}, help.typo)];
  if (help.ctid_refresh) {
    items.push(el('li', {}, help.ctid_refresh, ' ',
      el('a', { href: '#/help', id: 'verify-ctid-guide' }, '查看 CTID 网证开通指南')));
  }
  items.push(el('li', {}, help.manual_review, ' ',
    help.manual_review_open
      ? el('a', { href: '#/review', id: 'verify-to-review' }, '申请人工审核')
      : el('span', { class: 'muted' }, '（目前尚不能申请人工审核）')));
  return el('div', { class: 'card', id: 'verify-failed', role: 'alert', tabindex: '-1' },
    el('p', { class: 'notice error' }, `实名核验未通过，今日还剩 ${attemptsLeft} 次机会。请不要直接重复提交，先参考以下建议：`),
    el('ol', {}, items));
}

function statusFields(status) {
  const row = (label, value, id) => el('div', { class: 'field' }, el('span', { class: 'label' }, label), el('p', { id }, value));
  return [
    row('证件类型：', documentTypeLabel(status.checked_document_type), 'verify-document-type'),
    row('证件号码：', status.checked_document_number_masked, 'verify-document-number'),
    row('今日剩余次数：', `${status.attempts_left_today} 次（每日 3 次）`, 'verify-attempts'),
  ];
}

export async function renderVerify(view, _params, app) {
  if (needSignIn(view, app)) return;
  view.append(el('h1', {}, '个人信息中心'), centerTabs('/verify'));
  const card = el('div', { class: 'card' });
  const outcome = el('div', { id: 'verify-outcome' });
  view.append(el('div', { class: 'columns' }, el('div', {}, card, outcome),
    el('div', { class: 'help' }, el('h2', {}, '操作说明'), el('ol', {}, VERIFY_HELP.map((t) => el('li', {}, t))))));
  const area = noticeArea('verify-notice');
  card.append(area);
  let status;
  try { status = await call('verification_status'); } catch (error) { notify(area, messageOf(error), 'error'); return; }
  notify(area, status.summary, status.verified ? 'ok' : (status.pending_review ? 'warn' : ''));
  card.append(...statusFields(status));
  const form = createForm(card, {
    id: 'verify', draft: false,
    fields: [{ name: 'name', label: '姓名：', rule: 'name', context: ['document_type'], hint: '姓名须与证件完全一致；如有间隔符请使用“·”，不可包含其他符号。姓名变更后核验通过即更新账号姓名。' }],
  });
  form.set('name', status.name);
  const blocked = Boolean(status.pending_review) || status.attempts_left_today === 0;
  const run = el('button', { type: 'button', id: 'verify-run', disabled: blocked }, '实名核验');
  run.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    let name;
    try {
      name = await call('name_stored_form', { name: form.value('name'), documentType: status.checked_document_type });
    } catch (error) { form.showError(error); return; }
    if (!(await confirmVerification(name, status.attempts_left_today))) return;
    run.disabled = true;
    outcome.replaceChildren();
    try {
      const result = await call('verification_run', { name });
      status.attempts_left_today = result.attempts_left_today;
      document.getElementById('verify-attempts').textContent = `${result.attempts_left_today} 次（每日 3 次）`;
      if (result.outcome === 'passed') {
        const changed = result.name_change ? `账号姓名已由“${result.name_change.old_name}”更新为“${result.name_change.new_name}”。` : '';
        const resubmit = result.resubmit_application ? '您已有认定或定期注册申请，请重新提交该申请。' : '';
        notify(area, `实名核验成功，可继续办理业务。${changed}${resubmit}`, 'ok');
      } else {
        notify(area, '实名核验未通过。', 'error');
        outcome.replaceChildren(failureHelp(result.help, result.attempts_left_today));
        outcome.querySelector('#verify-failed').focus();
      }
    } catch (error) {
      if (!form.showError(error)) notify(area, messageOf(error), 'error');
    }
    run.disabled = status.attempts_left_today === 0;
  });
  card.append(actions(run,
    status.manual_review_open && !status.pending_review ? el('a', { class: 'button secondary', href: '#/review', id: 'to-review' }, '申请人工审核') : null,
    el('a', { class: 'button secondary', href: '#/status', id: 'to-status' }, '核验记录')));
}

export function renderHelp(view) {
  view.append(el('h1', {}, '居民身份证网上功能凭证（CTID 网证）开通指南'),
    el('div', { class: 'card', id: 'verify-help' },
      el('p', { class: 'notice' }, '身份信息近期发生过变化、公安系统未及时更新的，居民身份证持有人可开通 CTID 网证后再进行实名核验。'),
      el('ol', {},
        el('li', {}, '核对姓名、证件号码是否与证件完全一致（包括间隔符“·”）。'),
        el('li', {}, '信息无误仍不通过，可能是您的身份信息近期发生过变化，公安系统未及时更新，请按下面的步骤开通网证。'),
        el('li', {}, '证件类型不是居民身份证，或开通网证失败的，请申请人工审核。'))),
    el('div', { class: 'card guide' },
      el('h2', {}, '开通步骤'),
      el('ol', {},
        el('li', {}, '在应用市场搜索“CTID”，下载 CTID 官方应用。'),
        el('li', {}, '在应用中注册并登录账号。'),
        el('li', {}, '在首页点击“居民网证开通”。'),
        el('li', {}, '开通方式：“四项信息 + 人像采集”，或具备 NFC 功能的手机选择“识别身份证 + 人像采集”。识别身份证时将证件靠近手机背部读卡区并保持 3~5 秒。'),
        el('li', {}, '人像采集成功后，通过短信验证码绑定手机号。'),
        el('li', {}, '设置八位数字网证口令，提交开通申请。'),
        el('li', {}, '开通成功后即可回到本应用再次实名核验；下载网证、二维码等与本业务无关。'))),
    actions(el('a', { class: 'button', href: '#/verify', id: 'help-to-verify' }, '返回实名核验'),
      el('a', { class: 'button secondary', href: '#/review', id: 'help-to-review' }, '申请人工审核')));
}
