import { toPaise } from './format.js';

/** @typedef {import('./types.js').Credit} Credit */
/** @typedef {import('./types.js').EarningsResponse} EarningsResponse */
/** @typedef {import('./types.js').Level} Level */

/** SPEC.md: each user earns at most ₹1000.00 per level. */
export const CAP_PAISE = 100_000;
export const LEVELS = /** @type {const} */ ([1, 2]);

/**
 * @param {unknown} level
 * @returns {level is Level}
 */
const isLevel = (level) => level === 1 || level === 2;

/**
 * The earning id names one credit (or one reversal). Events that were already counted in the `/earnings`
 * snapshot (sent while it loaded) are recognised by it and skipped. Without an id, purchase, level and sign
 * stand in: a purchase credits a user at most once per level.
 * @param {Credit} credit
 */
const keyOf = (credit) =>
  credit.earning_id === undefined
    ? `${credit.purchase_id}:${credit.level}:${Math.sign(credit.amount)}`
    : `earning:${credit.earning_id}`;

/** One user's earnings as the dashboard shows them, in paise: loaded from `/earnings`, then moved by events. */
export class EarningsState {
  constructor() {
    this.totalPaise = 0;
    /** @type {Record<Level, number>} */
    this.byLevelPaise = { 1: 0, 2: 0 };
    /** @type {Record<Level, number>} */
    this.capRemainingPaise = { 1: CAP_PAISE, 2: CAP_PAISE };
    /** @type {Credit[]} Newest first. */
    this.credits = [];
    /** @type {Set<string>} */
    this.seen = new Set();
    /** The newest earning id in the last snapshot (0: none): where the live stream resumes from. */
    this.newestEarningId = 0;
  }

  /**
   * Replaces everything with a snapshot from `GET /earnings`.
   * @param {EarningsResponse} snapshot
   */
  load(snapshot) {
    this.totalPaise = toPaise(snapshot.total_earnings);
    for (const level of LEVELS) {
      this.byLevelPaise[level] = toPaise(snapshot.earnings_by_level[level] ?? 0);
      this.capRemainingPaise[level] = toPaise(snapshot.cap_remaining[level] ?? CAP_PAISE);
    }
    this.credits = [...snapshot.details];
    this.seen = new Set(this.credits.map(keyOf));
    this.newestEarningId = this.credits.reduce((newest, credit) => Math.max(newest, credit.earning_id ?? 0), 0);
  }

  /**
   * Adds one live credit. Returns false when it was already counted (or names no paying level).
   * @param {Credit} credit
   */
  apply(credit) {
    const key = keyOf(credit);
    if (this.seen.has(key) || !isLevel(credit.level)) {
      return false;
    }
    this.seen.add(key);
    const amountPaise = toPaise(credit.amount);
    this.byLevelPaise[credit.level] += amountPaise;
    // A reversal (negative amount) gives its room under the cap back.
    this.capRemainingPaise[credit.level] = Math.min(
      CAP_PAISE,
      Math.max(0, this.capRemainingPaise[credit.level] - amountPaise),
    );
    // The event carries the server's total after this credit: trust it over our own sum.
    this.totalPaise =
      typeof credit.total_earnings === 'number' ? toPaise(credit.total_earnings) : this.totalPaise + amountPaise;
    this.credits.unshift(credit);
    return true;
  }
}
