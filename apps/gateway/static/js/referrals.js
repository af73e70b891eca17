import { ApiError, callApi } from './api.js';
import { loadErrorMessage, setPageState, showPageError, showViewedUser, userIdFromLocation } from './page.js';
import { nameOf, showActive, treeItems } from './referral-tree.js';

/** @typedef {import('./types.js').ReferralsResponse} ReferralsResponse */
/** @typedef {import('./types.js').UserStatusResponse} UserStatusResponse */

/**
 * @template {HTMLElement} T
 * @param {string} id
 */
const byId = (id) => /** @type {T} */ (document.getElementById(id));

const userId = userIdFromLocation();
showViewedUser(userId);
if (userId === null) {
  setPageState('no-user');
  byId('tree-section').hidden = true;
  byId('choose-user').hidden = false;
} else {
  void showTree(userId);
  byId('tree').addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button.toggle');
    if (button instanceof HTMLButtonElement) {
      void toggleActive(button);
    }
  });
}

/** @param {number} userId */
async function showTree(userId) {
  setPageState('loading');
  try {
    const tree = /** @type {ReferralsResponse} */ (await callApi('GET', `/referrals/${userId}`));
    const direct = tree.direct_referrals.length;
    const indirect = tree.indirect_referrals.length;
    byId('tree').replaceChildren(...treeItems(tree));
    byId('tree-summary').textContent =
      direct + indirect === 0
        ? `User #${userId} has no referrals yet.`
        : `${direct} direct ${direct === 1 ? 'referral' : 'referrals'} (level 1), ` +
          `${indirect} indirect (level 2, nested under the referral they came through).`;
    setPageState('ready');
  } catch (error) {
    byId('tree-section').hidden = true;
    showPageError(loadErrorMessage(error, 'The referrals could not be loaded.'));
    setPageState('error');
  }
}

/**
 * Deactivates or reactivates the person in the button's row, then shows what the server answered.
 * @param {HTMLButtonElement} button
 */
async function toggleActive(button) {
  const item = /** @type {HTMLLIElement} */ (button.closest('li.person'));
  const id = Number(item.dataset.userId);
  const action = item.dataset.active === 'true' ? 'deactivate' : 'reactivate';
  const message = byId('status-message');
  button.disabled = true;
  try {
    const status = /** @type {UserStatusResponse} */ (await callApi('PATCH', `/user/${id}/${action}`));
    showActive(item, status.is_active);
    message.className = 'status-message';
    message.textContent = `${nameOf(item)} (#${id}) is now ${status.is_active ? 'active' : 'inactive'}.`;
  } catch (error) {
    message.className = 'status-message error';
    const reason = error instanceof ApiError ? error.message : 'something went wrong.';
    message.textContent = `Could not ${action} ${nameOf(item)} (#${id}): ${reason}`;
  } finally {
    button.disabled = false;
  }
}
