/** @typedef {import('./types.js').Credit} Credit */
/** @typedef {import('./connection-indicator.js').ConnectionState} ConnectionState */

/**
 * Subscribes to a user's credits over Server-Sent Events. The browser's EventSource reconnects by itself after
 * a dropped connection and sends `Last-Event-ID`, so the server replays what was missed; it gives up (state
 * `down`) only when the server refuses the stream, and then the caller decides when to try again.
 * @param {string} url
 * @param {{ onCredit: (credit: Credit) => void, onState: (state: ConnectionState) => void }} handlers
 * @returns {{ close: () => void }}
 */
export function openLiveFeed(url, { onCredit, onState }) {
  const source = new EventSource(url);
  onState('connecting');
  source.onopen = () => onState('live');
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? 'down' : 'reconnecting');
  source.onmessage = (event) => {
    const credit = parseCredit(event.data);
    if (credit) {
      // The event id is the earning id: it tells a credit from its reversal, which share purchase and level.
      const earningId = Number(event.lastEventId);
      onCredit(Number.isInteger(earningId) && earningId > 0 ? { ...credit, earning_id: earningId } : credit);
    } else {
      console.warn('Ignored a malformed credit event', event.data);
    }
  };
  return { close: () => source.close() };
}

/**
 * @param {unknown} data
 * @returns {Credit | null}
 */
function parseCredit(data) {
  try {
    /** @type {unknown} */
    const parsed = JSON.parse(String(data));
    const value = /** @type {Partial<Credit> | null} */ (parsed);
    if (
      value !== null &&
      typeof value.amount === 'number' &&
      typeof value.level === 'number' &&
      typeof value.purchase_id === 'number' &&
      typeof value.source_user_id === 'number'
    ) {
      return /** @type {Credit} */ (value);
    }
  } catch {
    // Not JSON: reported by the caller as malformed.
  }
  return null;
}
