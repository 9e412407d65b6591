// The WeChat service account as the development server simulates it: buttons that
// send what the applicant would send from the phone, and the replies.
import { call, el, messageOf } from '../ipc.js';

/**
 * A simulated phone chat with the service account. Each action is
 * `{label, menuKey}` or `{label, text: () => string}`; `onReply(text)` sees each reply.
 * A server without the simulator disables the buttons and says why.
 */
export function wechatSimulator({ id, actionsList, onReply = () => {} }) {
  const log = el('ol', { class: 'wechat-log', id: `${id}-log`, 'aria-live': 'polite' });
  const state = el('p', { class: 'muted', id: `${id}-state` },
    '本机的开发服务器提供微信模拟器：下面的按钮代替手机微信向“中国教师资格服务号”发送消息，回复显示在这里和开发收件箱中。');
  const buttons = actionsList.map((action, i) => el('button', {
    type: 'button', class: 'secondary small', id: `${id}-action-${i}`, 'aria-describedby': `${id}-state`,
  }, `模拟微信：${action.label}`));
  const disable = (why) => {
    for (const b of buttons) { b.disabled = true; b.setAttribute('aria-disabled', 'true'); }
    state.className = 'notice warn';
    state.textContent = why;
  };
  buttons.forEach((button, i) => button.addEventListener('click', async () => {
    const action = actionsList[i];
    const text = action.text ? action.text() : null;
    if (action.text && !text) { state.textContent = '请先填写身份证件号码。'; return; }
    button.disabled = true;
    log.append(el('li', { class: 'me' }, `我：${action.menuKey ? `[菜单] ${action.label}` : text}`));
    try {
      const reply = await call('wechat_send', { text, menuKey: action.menuKey || null });
      log.append(el('li', { class: 'them' }, `服务号：${reply.text}`));
      onReply(reply.text);
      button.disabled = false;
    } catch (error) {
      if (error && error.code === 'wechat.simulator_disabled') disable(messageOf(error));
      else { log.append(el('li', { class: 'msg error' }, messageOf(error))); button.disabled = false; }
    }
  }));
  return el('div', { class: 'wechat-sim', id }, state, el('div', { class: 'row' }, buttons), log);
}
