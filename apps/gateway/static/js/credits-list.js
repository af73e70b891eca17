import { formatLocalTime, formatRupees } from './format.js';
import { userLink } from './user-label.js';

/** @typedef {import('./types.js').Credit} Credit */
/** @typedef {import('./user-names.js').UserNames} UserNames */

/** How many credits the list keeps on screen. */
const SHOWN = 20;

/**
 * The list of recent credits, newest first: amount, level, who bought, and when in the viewer's time zone.
 * @param {HTMLOListElement} list
 * @param {HTMLElement} emptyNote
 * @param {UserNames} names
 */
export function creditsList(list, emptyNote, names) {
  return {
    /**
     * Draws the whole list (after a load, or when names arrive).
     * @param {Credit[]} credits Newest first.
     */
    showAll(credits) {
      list.replaceChildren(...credits.slice(0, SHOWN).map((credit) => creditItem(credit, names)));
      emptyNote.hidden = credits.length > 0;
    },
    /**
     * Adds one live credit at the top, highlighted.
     * @param {Credit} credit
     */
    prepend(credit) {
      const item = creditItem(credit, names);
      item.classList.add('new');
      list.prepend(item);
      while (list.children.length > SHOWN) {
        list.lastElementChild?.remove();
      }
      emptyNote.hidden = true;
    },
  };
}

/**
 * @param {Credit} credit
 * @param {UserNames} names
 */
function creditItem(credit, names) {
  const item = document.createElement('li');
  item.className = credit.amount < 0 ? 'credit reversal' : 'credit';
  item.dataset.purchaseId = String(credit.purchase_id);

  const amount = document.createElement('span');
  amount.className = 'credit-amount';
  amount.textContent = formatRupees(credit.amount);

  const level = document.createElement('span');
  level.className = `credit-level level-${credit.level}`;
  level.textContent = `Level ${credit.level}`;

  const source = document.createElement('span');
  source.className = 'credit-source';
  source.append('from ', userLink(credit.source_user_id, names.nameOf(credit.source_user_id)));

  const when = document.createElement('time');
  when.dateTime = credit.timestamp;
  when.textContent = formatLocalTime(credit.timestamp);

  const purchase = document.createElement('span');
  purchase.className = 'credit-purchase';
  purchase.textContent =
    credit.amount < 0 ? `refund of purchase #${credit.purchase_id}` : `purchase #${credit.purchase_id}`;

  item.append(amount, level, source, when, purchase);
  return item;
}
