// Shared pieces of the reviewer screens: the signed-in check, labels and date formats.
import { call, el } from '../ipc.js';

export const KIND_LABEL = { manual_review: '人工审核', contact_change: '修改联系方式申请' };
export const URGENCY_LABEL = { overdue: '已超期', due_today: '今日到期', later: '' };
export const HOLD_LABEL = { free: '未领取', mine: '我已领取', other: '他人处理中' };
export const ROLE_LABEL = { reviewer: '审核人员', admin: '管理员' };

/** Formats a UTC timestamp in Beijing time, as deadlines are set. */
export function beijingTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** Returns the signed-in staff member, or sends the page to the staff sign-in screen. */
export async function requireStaff() {
  const identity = await call('staff_session').catch(() => null);
  if (!identity) {
    location.hash = '#/staff/signin';
    return null;
  }
  return identity;
}

/** Sends the page to the sign-in screen when `error` says the staff session ended. */
export function handleSessionEnd(error) {
  if (error && error.code === 'staff.unauthorized') {
    location.hash = '#/staff/signin';
    return true;
  }
  return false;
}

/** The bar at the top of every reviewer screen: who is signed in, links, sign-out. */
export function staffBar(identity, current) {
  const signOut = el('button', { type: 'button', class: 'secondary small', id: 'staff-sign-out' }, '退出审核');
  signOut.addEventListener('click', async () => {
    await call('staff_sign_out');
    location.hash = '#/staff/signin';
  });
  const link = (href, label) => el('a', { href, 'aria-current': current === href ? 'page' : false }, label);
  return el('div', { class: 'staff-bar' },
    el('span', { class: 'staff-who', id: 'staff-who' }, `${ROLE_LABEL[identity.role] || ''} ${identity.username}`),
    el('nav', { 'aria-label': '审核工作台' }, link('#/staff/queue', '待审队列'),
      identity.role === 'admin' ? link('#/staff/admin', '系统管理') : null),
    signOut);
}
