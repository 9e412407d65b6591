// The window: header, connection and sync status, development inbox, and the router.
import { call, el, on } from './ipc.js';
import { choices } from './forms.js';
import * as start from './views/start.js';
import * as auth from './views/auth.js';
import * as recovery from './views/recovery.js';
import * as center from './views/center.js';
import * as verify from './views/verify.js';
import * as review from './views/review.js';
import { staffRoutes } from './staff/routes.js';
import { refreshDemoReviewer } from './staff/demo.js';

export const app = { info: null, business: null };

/** Inbox labels of the server's message channels. */
const CHANNEL_LABELS = { sms: '短信', email: '邮件', wechat: '微信' };

const routes = {
  '/start': start.renderStart,
  '/signin': auth.renderSignIn,
  '/register': auth.renderRegister,
  '/forgot': recovery.renderForgot,
  '/contact-change': recovery.renderContactChange,
  '/reset-link': recovery.renderResetLink,
  '/profile': center.renderProfile,
  '/verify': verify.renderVerify,
  '/password': center.renderPassword,
  '/phone': center.renderPhone,
  '/help': verify.renderHelp,
  '/review': review.renderReview,
  '/status': start.renderStatus,
  '/settings': start.renderSettings,
  ...staffRoutes,
};

function parseHash() {
  const [path, query] = (location.hash.slice(1) || '/start').split('?');
  return { path, params: new URLSearchParams(query || '') };
}

async function render() {
  const { path, params } = parseHash();
  const view = document.getElementById('view');
  const renderer = routes[path] || routes['/start'];
  view.replaceChildren();
  document.body.dataset.route = path;
  await renderer(view, params, app);
  const heading = view.querySelector('h1');
  if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
  document.querySelectorAll('.top-nav a').forEach((a) => {
    if (a.getAttribute('href') === `#${path}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

/** Refreshes what the header shows about the session. */
export async function refreshSession() {
  app.info = await call('app_info');
  const signedIn = app.info.signed_in;
  document.getElementById('nav-profile').hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  document.getElementById('inbox-toggle').hidden = !app.info.embedded;
  const banner = document.getElementById('session-banner');
  if (app.info.session_store === 'memory') {
    banner.textContent = '本机没有可用的系统密钥环，登录状态只保存在内存中，关闭应用后需要重新登录。';
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
  showConnection(app.info.reachable, app.info.server_url);
}

function showConnection(reachable, url) {
  const badge = document.getElementById('connection');
  badge.className = `connection ${reachable ? 'online' : 'offline'}`;
  badge.textContent = reachable ? `已连接 ${url || ''}` : (url ? '未连接服务器' : '未设置服务器');
  document.getElementById('offline-banner').hidden = reachable;
}

async function refreshQueue() {
  const overview = await call('queue_overview').catch(() => null);
  if (!overview) return;
  const status = document.getElementById('sync-status');
  const bar = document.getElementById('sync-progress');
  const total = overview.recent.length;
  if (overview.queued > 0) {
    status.textContent = `待发送 ${overview.queued} 项申请`;
    bar.hidden = false;
    bar.max = Math.max(total, 1);
    bar.value = Math.max(total - overview.queued, 0);
  } else {
    status.textContent = total > 0 ? '所有申请均已发送' : '';
    bar.hidden = true;
  }
}

/**
 * Returns a button that opens the reset link of message `m` in this app, or nothing
 * when the message has none. The link points at the web reset page, which the embedded
 * server does not serve.
 */
function resetLinkButton(m) {
  const link = (m.body.match(/https?:\/\/\S+[?&]token=[\w-]+/) || [])[0];
  if (!link) return '';
  return el('button', { type: 'button', class: 'secondary small', 'data-open-link': m.id,
    onclick: () => { location.hash = `#/reset-link?link=${encodeURIComponent(link)}`; } }, '在本应用中打开重置链接');
}

async function refreshInbox() {
  const list = document.getElementById('inbox-list');
  refreshDemoReviewer();
  try {
    const messages = await call('inbox_list');
    list.replaceChildren(...messages.map((m) => el('li', { 'data-channel': m.channel, 'data-destination': m.destination },
      el('div', { class: 'meta' }, `${CHANNEL_LABELS[m.channel] || m.channel} → ${m.destination}`),
      el('div', { class: 'body' }, m.body),
      resetLinkButton(m))));
    if (messages.length === 0) list.replaceChildren(el('li', { class: 'muted' }, '暂无消息'));
  } catch (error) {
    list.replaceChildren(el('li', { class: 'muted' }, '收件箱暂不可用'));
  }
}

function wireHeader() {
  const toggle = document.getElementById('inbox-toggle');
  toggle.addEventListener('click', () => {
    const inbox = document.getElementById('inbox');
    inbox.hidden = !inbox.hidden;
    toggle.setAttribute('aria-expanded', String(!inbox.hidden));
    if (!inbox.hidden) refreshInbox();
  });
  document.getElementById('inbox-refresh').addEventListener('click', refreshInbox);
  document.getElementById('sign-out').addEventListener('click', async () => {
    await call('sign_out');
    await refreshSession();
    location.hash = '#/start';
  });
}

async function main() {
  wireHeader();
  Object.assign(choices, await call('form_options'));
  await refreshSession().catch(() => {});
  on('connection', (state) => { showConnection(state.reachable, state.server_url); refreshSession().catch(() => {}); refreshQueue(); });
  on('submission-updated', () => refreshQueue());
  setInterval(() => { if (!document.getElementById('inbox').hidden) refreshInbox(); }, 3000);
  refreshQueue();
  window.addEventListener('hashchange', render);
  await render();
  document.body.dataset.ready = 'true';
}

main();
