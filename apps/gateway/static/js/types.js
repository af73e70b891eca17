// The API's answers as the pages read them (SPEC.md endpoints 3–7). JSDoc only: nothing runs here.

/** @typedef {1 | 2} Level */

/**
 * One credit: an entry of `GET /earnings` details, or the data of one `GET /events` message (which also
 * carries the user's total after it).
 * @typedef {object} Credit
 * @property {number} [earning_id] The earning's id (`id:` of its SSE event); a negative amount is a refund's reversal.
 * @property {number} source_user_id
 * @property {number} level
 * @property {number} amount Rupees.
 * @property {number} purchase_id
 * @property {string} timestamp ISO 8601, UTC.
 * @property {number} [total_earnings] Rupees; in events only.
 */

/**
 * @typedef {object} EarningsResponse
 * @property {number} user_id
 * @property {number} total_earnings
 * @property {Record<string, number>} earnings_by_level Keys "1" and "2".
 * @property {Record<string, number>} cap_remaining Keys "1" and "2".
 * @property {Credit[]} details Newest first.
 */

/**
 * @typedef {object} Commission
 * @property {number} user_id
 * @property {number} level
 * @property {number} amount
 * @property {'credited' | 'capped' | 'inactive'} status
 */

/**
 * @typedef {object} PurchaseResponse
 * @property {number} purchase_id
 * @property {number} buyer_id
 * @property {number} amount
 * @property {boolean} is_valid
 * @property {string} note
 * @property {string} timestamp
 * @property {Commission[]} commissions
 */

/**
 * @typedef {object} ReferralEntry
 * @property {number} id
 * @property {string} name
 * @property {boolean} is_active
 * @property {number} earned Rupees the viewed user earned from this referral.
 * @property {number} [via] For indirect referrals: the direct referral they came through.
 */

/**
 * @typedef {object} ReferralsResponse
 * @property {number} user_id
 * @property {ReferralEntry[]} direct_referrals
 * @property {Required<ReferralEntry>[]} indirect_referrals
 */

/**
 * @typedef {object} UserStatusResponse
 * @property {number} user_id
 * @property {boolean} is_active
 */

export {};

/**
 * @typedef {object} BalanceResponse
 * @property {number} user_id
 * @property {number} pending
 * @property {number} available
 * @property {number} in_payout
 * @property {number} paid
 * @property {string | null} next_release_at
 * @property {number} total_earnings
 */
