// Manual review: the document details, three photos and a reason, confirmed with the
// number of reviews left in the period.
import { call, el, messageOf } from '../ipc.js';
import { actions, createForm, documentTypeLabel, noticeArea, notify, periodsFor } from '../forms.js';
import { needSignIn } from './center.js';
import { showDialog } from '../dialog.js';
import { photoSlot, submitQueued } from '../widgets.js';

export async function renderReview(view, _params, app) {
  if (needSignIn(view, app)) return;
  view.append(el('h1', {}, '人工审核'));
  const card = el('div', { class: 'card' });
  view.append(el('div', { class: 'columns' }, card, el('div', { class: 'help' },
    el('h2', {}, '操作说明'),
    el('ol', {},
      el('li', {}, '请提供清晰的照片（JPG/JPEG 格式，每张小于 190KB），不要旋转或镜像。'),
      el('li', {}, '本人手持证件照片请务必保证面部及证件信息清晰可辨认。'),
      el('li', {}, '人工审核仅能保证7个工作日内给出结论；待审核期间不能修改信息，也不能实名核验。'),
      el('li', {}, '每年1月1日到8月31日、9月1日到12月31日两个周期，每个周期最多申请三次。')))));
  const area = noticeArea('review-notice');
  card.append(area);
  let status = null;
  try { status = await call('verification_status'); } catch (error) { notify(area, messageOf(error), 'error'); }
  if (status && status.pending_review) {
    notify(area, `您的人工审核申请正在审核中（提交于 ${new Date(status.pending_review.submitted_at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}），请耐心等待结论。`, 'warn');
    card.append(actions(el('a', { class: 'button', href: '#/status', id: 'review-to-status' }, '查看审核状态')));
    return;
  }
  if (status && !status.manual_review_open) {
    notify(area, '居民身份证持有人须先进行一次实名核验，核验未通过后才能申请人工审核。', 'warn');
  }
  const testMode = app.info && app.info.test_mode;
  const slots = [
    photoSlot({ form: 'review', slot: 'side_a', label: '上传身份证件A面照片：', testMode }),
    photoSlot({ form: 'review', slot: 'side_b', label: '上传身份证件B面照片：', testMode }),
    photoSlot({ form: 'review', slot: 'handheld', label: '上传本人手持身份证件照片：', testMode }),
  ];
  const form = createForm(card, {
    id: 'review',
    fields: [
      { name: 'document_type_label', label: '证件类型：', type: 'readonly' },
      { name: 'document_number_masked', label: '证件号码：', type: 'readonly' },
      { name: 'name', label: '姓名：', type: 'readonly' },
      { name: 'validity_period', label: '身份证件有效时段：', type: 'radio', options: periodsFor('resident_id_card') },
      { name: 'validity_start', label: '身份证件有效开始日期：', placeholder: 'YYYY-MM-DD', rule: 'validity_start', context: ['validity_period'] },
      { name: 'validity_end', label: '身份证件有效截止日期：', type: 'readonly' },
      ...slots.map((slot, i) => ({ type: 'custom', name: `photo_${i}`, render: () => slot.element })),
      { name: 'reason', label: '申请的原因：', type: 'textarea', rule: 'reason' },
    ],
    onChange: async (name, api) => {
      if (name === 'validity_period' || name === 'validity_start') {
        const end = await call('validity_end_date', { period: api.value('validity_period'), startDate: api.value('validity_start') }).catch(() => null);
        api.set('validity_end', api.value('validity_period') === 'long_term' ? '长期' : (end || ''));
      }
    },
  });
  if (status) {
    form.set('document_type_label', documentTypeLabel(status.checked_document_type));
    form.set('document_number_masked', status.checked_document_number_masked);
    form.set('name', status.name);
    form.setOptions('validity_period', periodsFor(status.checked_document_type));
  }
  const submit = el('button', { type: 'button', id: 'review-submit' }, '提交人工审核');
  submit.addEventListener('click', async () => {
    if (!(await form.checkAll())) return;
    if (!slots.every((slot) => slot.ready())) { notify(area, '请上传三张符合要求的照片（JPG/JPEG，小于190KB）；过大的照片可点击“自动调整”。', 'error'); return; }
    const left = status ? status.reviews_left_this_period : '—';
    const confirmed = await showDialog({
      id: 'review-confirm', title: '人工审核',
      body: el('div', {},
        el('p', {}, '请确认您上传的图片符合要求，避免因照片不清晰、存在旋转或镜像反转，无法识别，导致审核不通过。'),
        el('p', {}, '1月1日到8月31日、9月1日到12月31日，每个周期您可以进行三次人工审核，本周期您还剩 ', el('strong', { id: 'review-confirm-left' }, String(left)), ' 次机会，是否确认提交？')),
      buttons: [{ label: '返回检查', value: false }, { label: '确认提交', value: true, primary: true }],
      cancelValue: false,
    });
    if (!confirmed) return;
    const payload = { name: form.value('name'), validity_period: form.value('validity_period'), validity_start: form.value('validity_start'), reason: form.value('reason') };
    const sent = await submitQueued({ kind: 'manual_review', formApi: form, payload, slots: ['side_a', 'side_b', 'handheld'], area });
    if (sent !== null) { notify(area, '已提交人工审核，请耐心等待，7个工作日内给出结论。', 'ok'); setTimeout(() => { location.hash = '#/status'; }, 1000); }
  });
  form.element.append(actions(submit, el('a', { class: 'button secondary', href: '#/verify' }, '返回')));
}
