import { AnimatedAmount } from './animated-amount.js';
import { balancePanel } from './balance-panel.js';
import { ApiError, callApi } from './api.js';
import { capProgress } from './cap-progress.js';
import { connectionIndicator } from './connection-indicator.js';
import { creditsList } from './credits-list.js';
import { createEarningsChart } from './earnings-chart.js';
import { EarningsState, LEVELS } from './earnings-state.js';
import { openLiveFeed } from './live-feed.js';
import { withCredential } from './credential.js';
import { loadErrorMessage, setPageState, showPageError, showViewedUser, userIdFromLocation } from './page.js';
import { attachPurchaseForm } from './purchase-form.js';
import { UserNames } from './user-names.js';

/** @typedef {import('./types.js').Credit} Credit */
/** @typedef {import('./types.js').EarningsResponse} EarningsResponse */

/** Waits between attempts after the stream or the snapshot failed, longest last. */
const RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

/**
 * @template {HTMLElement} T
 * @param {string} id
 */
const byId = (id) => /** @type {T} */ (document.getElementById(id));

const userId = userIdFromLocation();
showViewedUser(userId);
if (userId === null) {
  setPageState('no-user');
  byId('dashboard').hidden = true;
  byId('choose-user').hidden = false;
} else {
  startDashboard(userId);
}

/** @param {number} userId */
function startDashboard(userId) {
  setPageState('loading');
  const state = new EarningsState();
  const total = new AnimatedAmount(byId('total'));
  const levels = { 1: new AnimatedAmount(byId('level-1')), 2: new AnimatedAmount(byId('level-2')) };
  const caps = {
    1: capProgress(byId('cap-1'), byId('cap-1-text')),
    2: capProgress(byId('cap-2'), byId('cap-2-text')),
  };
  const chart = createEarningsChart(byId('chart'));
  const balance = balancePanel(userId, {
    pending: byId('balance-pending'),
    available: byId('balance-available'),
    inPayout: byId('balance-in-payout'),
    paid: byId('balance-paid'),
    nextRelease: byId('balance-next-release'),
  });
  const indicator = connectionIndicator(byId('connection'), byId('reconnect'));
  const names = new UserNames(userId, () => {
    credits.showAll(state.credits);
    fillBuyerSuggestions(names.entries());
  });
  const credits = creditsList(byId('credits'), byId('credits-empty'), names);
  attachPurchaseForm(byId('purchase-form'), byId('purchase-result'), { viewerId: userId, names });

  /** @param {{ animate: boolean }} options */
  const showNumbers = ({ animate }) => {
    total.set(state.totalPaise, { animate });
    for (const level of LEVELS) {
      levels[level].set(state.byLevelPaise[level], { animate });
      caps[level].show(state.capRemainingPaise[level]);
    }
    chart.update(state.byLevelPaise);
  };

  /** @type {{ close: () => void } | undefined} */
  let feed;
  let attempt = 0;
  /** @type {number | undefined} */
  let retryTimer;
  let firstLoad = true;

  /** @param {Credit} credit */
  const onCredit = (credit) => {
    if (state.apply(credit)) {
      showNumbers({ animate: true });
      credits.prepend(credit);
      balance.refreshSoon();
    }
  };

  /** @param {string} why */
  const retryLater = (why) => {
    const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
    attempt += 1;
    indicator.show('down', `${why} Trying again in ${Math.round(delay / 1000)} s`);
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(() => void connect(), delay);
  };

  /**
   * Loads the snapshot, then opens the stream from the snapshot's newest earning id (`last_event_id`): the
   * notifier replays every credit after it, so none falls between the two. Opening the stream first would not
   * do: EventSource subscribes some time after it is created, and a reconnect before any event arrived sends
   * no Last-Event-ID, so credits in either gap would show only after a reload. Replayed credits the snapshot
   * already counts are recognised and skipped. After the stream was refused (the browser stops reconnecting by
   * itself), the same step starts over from a fresh snapshot.
   */
  const connect = async () => {
    window.clearTimeout(retryTimer);
    feed?.close();
    feed = undefined;
    try {
      state.load(/** @type {EarningsResponse} */ (await callApi('GET', `/earnings/${userId}`)));
    } catch (error) {
      showPageError(loadErrorMessage(error, 'The earnings could not be loaded.'));
      setPageState('error');
      // Zeros for a user whose earnings never loaded would look like facts: show only the error.
      byId('dashboard').hidden = firstLoad;
      if (error instanceof ApiError && [400, 401, 403, 404].includes(error.status)) {
        indicator.show('off'); // An unknown user, or a credential that does not reach, will not change by waiting.
      } else {
        retryLater('Could not load the earnings.');
      }
      return;
    }
    showPageError('');
    byId('dashboard').hidden = false;
    showNumbers({ animate: !firstLoad });
    firstLoad = false;
    credits.showAll(state.credits);
    void balance.load();
    setPageState('ready');
    const from = `/events/${userId}?last_event_id=${state.newestEarningId}`;
    feed = openLiveFeed(withCredential(from, 'access_token'), {
      onCredit,
      onState: (connection) => {
        if (connection === 'live') {
          attempt = 0;
        }
        if (connection === 'down') {
          retryLater('The live stream was refused.');
        } else {
          indicator.show(connection);
        }
      },
    });
  };

  byId('reconnect').addEventListener('click', () => {
    attempt = 0;
    void connect();
  });
  void names.load();
  void connect();

  // A handle for the browser tests and for anyone curious in the console.
  Object.assign(window, { dashboard: { userId, state, chart: chart.chart } });
}

/**
 * Suggests the viewer's referrals as buyers: a purchase by one of them is what pays the viewer.
 * @param {[number, string][]} entries
 */
function fillBuyerSuggestions(entries) {
  const list = byId('buyer-suggestions');
  list.replaceChildren(
    ...entries.map(([id, name]) => {
      const option = document.createElement('option');
      option.value = String(id);
      option.label = name;
      return option;
    }),
  );
}
