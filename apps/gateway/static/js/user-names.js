import { callApi } from './api.js';

/** @typedef {import('./types.js').ReferralsResponse} ReferralsResponse */

/**
 * Names of the viewed user's referrals, from `GET /referrals`: every credit comes from a direct (level 1) or an
 * indirect (level 2) referral, so these are the names the dashboard needs. A credit from someone not known
 * yet (referred after the page loaded) asks for the list again.
 */
export class UserNames {
  /**
   * @param {number} userId
   * @param {() => void} onChange Called after the names were (re)loaded.
   */
  constructor(userId, onChange) {
    this.userId = userId;
    this.onChange = onChange;
    /** @type {Map<number, string>} */
    this.names = new Map();
    /** @type {Set<number>} Ids already asked about, so an unknown id triggers one reload at most. */
    this.asked = new Set();
  }

  async load() {
    try {
      const tree = /** @type {ReferralsResponse} */ (await callApi('GET', `/referrals/${this.userId}`));
      for (const entry of [...tree.direct_referrals, ...tree.indirect_referrals]) {
        this.names.set(entry.id, entry.name);
      }
      this.onChange();
    } catch {
      // Names are a nicety: without them credits show "user #id".
    }
  }

  /**
   * The name of `id`, or undefined (and a reload of the list, once per id) when it is not known.
   * @param {number} id
   */
  nameOf(id) {
    const name = this.names.get(id);
    if (name === undefined && !this.asked.has(id)) {
      this.asked.add(id);
      void this.load();
    }
    return name;
  }

  /** Every known referral, for the purchase form's suggestions. */
  entries() {
    return [...this.names.entries()];
  }
}
