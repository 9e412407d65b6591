// The demo reviewer account of the embedded server, shown at the top of the development
// inbox panel with its current TOTP code, so a newcomer can decide their own review.
import { call, el } from '../ipc.js';

function fill(id, value) {
  const input = document.getElementById(id);
  if (!input) return;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Fills the staff sign-in form with the demo reviewer's credentials and current code. */
function fillSignIn(reviewer) {
  if (location.hash !== '#/staff/signin') location.hash = '#/staff/signin';
  // The sign-in screen renders after the hash change, so fill on the next frames.
  const attempt = (tries) => {
    if (!document.getElementById('staff-signin-username')) {
      if (tries > 0) requestAnimationFrame(() => attempt(tries - 1));
      return;
    }
    fill('staff-signin-username', reviewer.username);
    fill('staff-signin-password', reviewer.password);
    fill('staff-signin-totp_code', reviewer.totp_code);
  };
  attempt(60);
}

function card(reviewer) {
  const row = (label, value, id) => [el('dt', {}, label), el('dd', { id }, value)];
  return el('section', { class: 'demo-reviewer', id: 'demo-reviewer', 'aria-labelledby': 'demo-reviewer-title' },
    el('h3', { id: 'demo-reviewer-title' }, '演示审核人员账号'),
    el('p', { class: 'muted' }, '在“审核人员登录”中使用，可审核您自己提交的人工审核和修改联系方式申请。'),
    el('dl', {},
      row('用户名', reviewer.username, 'demo-reviewer-username'),
      row('密码', reviewer.password, 'demo-reviewer-password'),
      row('TOTP 密钥', reviewer.totp_secret, 'demo-reviewer-secret'),
      row('当前动态码', `${reviewer.totp_code}（${reviewer.code_valid_seconds} 秒后更新）`, 'demo-reviewer-code')),
    el('button', { type: 'button', class: 'secondary small', id: 'demo-reviewer-fill', onclick: () => fillSignIn(reviewer) }, '填入审核人员登录'));
}

/** Shows or refreshes the demo reviewer at the top of the inbox panel. */
export async function refreshDemoReviewer() {
  const panel = document.getElementById('inbox');
  const list = document.getElementById('inbox-list');
  if (!panel || !list) return;
  const reviewer = await call('staff_demo_reviewer').catch(() => null);
  const shown = document.getElementById('demo-reviewer');
  if (!reviewer) {
    if (shown) shown.remove();
    return;
  }
  if (shown) shown.replaceWith(card(reviewer)); else panel.insertBefore(card(reviewer), list);
}
