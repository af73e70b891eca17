import { ApiError, callApi } from './api.js';
import { formatRupees } from './format.js';
import { userLink } from './user-label.js';

/** @typedef {import('./types.js').PurchaseResponse} PurchaseResponse */
/** @typedef {import('./types.js').Commission} Commission */
/** @typedef {import('./user-names.js').UserNames} UserNames */

/** @type {Record<Commission['status'], string>} */
const STATUS_WORDS = {
  credited: 'credited',
  capped: 'capped: the ₹1000 cap for this level cut the share',
  inactive: 'inactive: nothing paid',
};

/**
 * The "simulate a purchase" form: posts `POST /purchase?buyer_id=&amount=` and shows the recorded purchase with
 * each commission's status, or the refusal's message in words. The amount is sent as typed: the server owns
 * the rules of money and says what is wrong with it.
 * @param {HTMLFormElement} form
 * @param {HTMLElement} result
 * @param {{ viewerId: number, names: UserNames }} context
 */
export function attachPurchaseForm(form, result, { viewerId, names }) {
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
  const buyerInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('buyer_id'));
  const amountInput = /** @type {HTMLInputElement} */ (form.elements.namedItem('amount'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const buyerId = buyerInput.value.trim();
    const amount = amountInput.value.trim();
    // Disabled while in flight: a double click must not buy twice.
    submit.disabled = true;
    result.dataset.state = 'pending';
    result.textContent = 'Recording the purchase…';
    callApi('POST', '/purchase', { buyer_id: buyerId, amount })
      .then((purchase) => showPurchase(result, /** @type {PurchaseResponse} */ (purchase), viewerId, names))
      .catch((error) => showRefusal(result, error))
      .finally(() => {
        submit.disabled = false;
      });
  });
}

/**
 * @param {HTMLElement} result
 * @param {PurchaseResponse} purchase
 * @param {number} viewerId
 * @param {UserNames} names
 */
function showPurchase(result, purchase, viewerId, names) {
  result.dataset.state = 'done';
  const summary = document.createElement('p');
  summary.className = 'purchase-summary';
  summary.append(
    `Purchase #${purchase.purchase_id}: ${formatRupees(purchase.amount)} by `,
    userLink(purchase.buyer_id, names.nameOf(purchase.buyer_id)),
    purchase.is_valid ? ' qualifies.' : ' does not qualify (under ₹1000).',
  );
  const note = document.createElement('p');
  note.className = 'purchase-note';
  note.textContent = purchase.note;

  const commissions = document.createElement('ul');
  commissions.className = 'commissions';
  for (const commission of purchase.commissions) {
    commissions.append(commissionItem(commission, viewerId, names));
  }
  result.replaceChildren(summary, note);
  if (purchase.commissions.length > 0) {
    result.append(commissions);
  } else if (purchase.is_valid) {
    const none = document.createElement('p');
    none.textContent = 'The buyer has no referrer: no commissions.';
    result.append(none);
  }
}

/**
 * @param {Commission} commission
 * @param {number} viewerId
 * @param {UserNames} names
 */
function commissionItem(commission, viewerId, names) {
  const item = document.createElement('li');
  item.className = `commission status-${commission.status}`;
  item.dataset.status = commission.status;
  const who = userLink(commission.user_id, names.nameOf(commission.user_id));
  const you = commission.user_id === viewerId ? ' (you)' : '';
  item.append(
    `Level ${commission.level} to `,
    who,
    `${you}: ${formatRupees(commission.amount)} — ${STATUS_WORDS[commission.status] ?? commission.status}`,
  );
  return item;
}

/**
 * @param {HTMLElement} result
 * @param {unknown} error
 */
function showRefusal(result, error) {
  result.dataset.state = 'error';
  const message = document.createElement('p');
  message.className = 'error';
  message.setAttribute('role', 'alert');
  if (!(error instanceof ApiError)) {
    message.textContent = 'Something went wrong; reload the dashboard to see whether the purchase was recorded.';
  } else if (error.status === 0) {
    message.textContent = error.message;
  } else {
    message.textContent = `Purchase refused: ${error.message}`;
  }
  result.replaceChildren(message);
}
