// The applicant's declared data on the item screen: a manual review's form and profile,
// or a contact change request's new contact and reason.
import { el } from '../ipc.js';
import { choices, documentTypeLabel } from '../forms.js';
import { beijingTime } from './common.js';

const PERIOD_LABEL = { five_years: '5年', ten_years: '10年', twenty_years: '20年', long_term: '长期', 5: '5年', 10: '10年', 20: '20年' };
const GENDER_LABEL = { male: '男', female: '女' };
const STATUS_LABEL = { pending: '待审核', approved: '已通过', rejected: '未通过' };
const CONTACT_LABEL = { email: '电子邮箱', phone: '手机号码' };

/** Returns a definition list of `[label, value, id]` rows, leaving out empty values. */
export function facts(rows) {
  return el('dl', { class: 'staff-facts' }, rows.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .flatMap(([label, value, id]) => [el('dt', {}, label), el('dd', { id }, value)]));
}

function ethnicityLabel(code) {
  const found = (choices.ethnicities || []).find(([value]) => value === code);
  return found ? found[1] : code;
}

function history(title, items, line) {
  if (!items.length) return null;
  return el('div', {},
    el('h3', {}, title),
    el('ul', { class: 'staff-history' }, items.map((item) => el('li', {}, line(item)))));
}

/** Declared data of a manual review, with the verification history and earlier reviews. */
export function declaredReview(detail) {
  const review = detail.review;
  return el('section', { class: 'card staff-declared', 'aria-labelledby': 'declared-title' },
    el('h2', { id: 'declared-title' }, '申请人填报信息'),
    facts([
      ['身份证件类型', documentTypeLabel(detail.document_type), 'fact-document-type'],
      ['身份证件号码', detail.document_number, 'fact-document-number'],
      ['申请核对的姓名', review.name, 'fact-name'],
      ['账号当前姓名', detail.account_name, 'fact-account-name'],
      ['性别', GENDER_LABEL[detail.gender] || detail.gender],
      ['出生日期', detail.birth_date],
      ['民族', ethnicityLabel(detail.ethnicity), 'fact-ethnicity'],
      ['有效时间段', PERIOD_LABEL[review.validity_period] || review.validity_period],
      ['有效期', `${review.validity_start} 至 ${review.validity_end || '长期'}`, 'fact-validity'],
      ['申请原因', review.reason, 'fact-reason'],
      ['提交时间', beijingTime(review.submitted_at)],
      ['办理期限', beijingTime(review.due_at), 'fact-due'],
    ]),
    history('实名核验记录', detail.verification_history, (record) =>
      `${beijingTime(record.at)} ${record.outcome === 'passed' ? '通过' : '未通过'}${record.name_checked ? `（${record.name_checked}）` : ''}`),
    history('此前的人工审核', detail.earlier_reviews, (earlier) =>
      `${beijingTime(earlier.submitted_at)} ${STATUS_LABEL[earlier.status] || earlier.status}${earlier.decision_reason ? `：${earlier.decision_reason}` : ''}`));
}

/** Declared data of a contact change request, with the applicant's earlier requests. */
export function declaredContactChange(detail) {
  const what = CONTACT_LABEL[detail.kind] || detail.kind;
  return el('section', { class: 'card staff-declared', 'aria-labelledby': 'declared-title' },
    el('h2', { id: 'declared-title' }, `申请更换${what}`),
    detail.application_on_file ? el('p', { class: 'notice warn', id: 'staff-application-on-file' },
      '该申请人有认证或定期注册申请在办，按规定不能通过，已预选相应的不通过原因：申请人登录后可自行修改联系方式。') : null,
    facts([
      ['身份证件类型', documentTypeLabel(detail.document_type), 'fact-document-type'],
      ['身份证件号码', detail.document_number, 'fact-document-number'],
      ['账号姓名', detail.account_name, 'fact-account-name'],
      ['性别', GENDER_LABEL[detail.gender] || detail.gender],
      ['出生日期', detail.birth_date],
      [`原${what}`, detail.current_value_masked, 'fact-current-value'],
      [`新${what}`, detail.new_value, 'fact-new-value'],
      ['申请原因', detail.reason, 'fact-reason'],
      ['提交时间', beijingTime(detail.submitted_at)],
      ['办理期限', beijingTime(detail.due_at), 'fact-due'],
    ]),
    history('此前的修改联系方式申请', detail.earlier_requests, (earlier) =>
      `${beijingTime(earlier.submitted_at)} ${CONTACT_LABEL[earlier.kind] || earlier.kind} ${STATUS_LABEL[earlier.status] || earlier.status}${earlier.decision_reason ? `：${earlier.decision_reason}` : ''}`));
}
