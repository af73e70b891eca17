/** @typedef {'connecting' | 'live' | 'reconnecting' | 'down' | 'off'} ConnectionState */

/** @type {Record<ConnectionState, string>} */
const LABELS = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  down: 'Disconnected',
  off: 'Not connected',
};

/**
 * Shows the live stream's state in words (its colour and dot only repeat them), and a button to try again
 * at once when the stream is down.
 * @param {HTMLElement} element
 * @param {HTMLButtonElement} retryButton
 */
export function connectionIndicator(element, retryButton) {
  return {
    /**
     * @param {ConnectionState} state
     * @param {string} [detail] e.g. when the next attempt is due.
     */
    show(state, detail = '') {
      element.dataset.state = state;
      element.textContent = detail ? `${LABELS[state]} · ${detail}` : LABELS[state];
      retryButton.hidden = state !== 'down';
    },
  };
}
