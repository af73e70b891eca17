import { callApi } from './api.js';
import { formatLocalTime, formatPaise, toPaise } from './format.js';

/** @typedef {import('./types.js').BalanceResponse} BalanceResponse */

/** Coalesces the refreshes that a burst of credits asks for into one request. */
const REFRESH_DELAY_MS = 150;
/** The longest wait a browser timer takes (about 24.8 days); a later release is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Where the viewed user's earnings are: on hold, available, in a payout, paid, and when the next held credit
 * becomes payable. Loaded from `/balance`, refreshed whenever a credit or a reversal arrives, and again when
 * the next release is due, so a release shows without a reload (being payable is a matter of the clock).
 * @param {number} userId
 * @param {{ pending: HTMLElement, available: HTMLElement, inPayout: HTMLElement, paid: HTMLElement,
 *           nextRelease: HTMLElement }} elements
 */
export function balancePanel(userId, elements) {
  /** @type {number | undefined} */
  let refreshTimer;
  /** @type {number | undefined} */
  let releaseTimer;

  /** @param {BalanceResponse} balance */
  const show = (balance) => {
    elements.pending.textContent = formatPaise(toPaise(balance.pending));
    elements.available.textContent = formatPaise(toPaise(balance.available));
    elements.inPayout.textContent = formatPaise(toPaise(balance.in_payout));
    elements.paid.textContent = formatPaise(toPaise(balance.paid));
    elements.nextRelease.textContent = balance.next_release_at
      ? `Next release: ${formatLocalTime(balance.next_release_at)}`
      : 'Nothing on hold';
    window.clearTimeout(releaseTimer);
    if (balance.next_release_at) {
      const wait = Date.parse(balance.next_release_at) - Date.now() + 50;
      releaseTimer = window.setTimeout(() => void load(), Math.min(Math.max(wait, 0), MAX_TIMER_MS));
    }
  };

  const load = async () => {
    try {
      show(/** @type {BalanceResponse} */ (await callApi('GET', `/balance/${userId}`)));
    } catch {
      // The earnings above say what went wrong; the balance keeps its last known figures.
    }
  };

  return {
    load,
    /** Asks for fresh figures soon: a credit or a reversal just arrived. */
    refreshSoon() {
      window.clearTimeout(refreshTimer);
      refreshTimer = window.setTimeout(() => void load(), REFRESH_DELAY_MS);
    },
  };
}
