// Generated from /openapi.json by `npm run generate:page-types`: do not edit (a test checks it matches).
// The API's answers as the pages read them, named after the document's schemas. JSDoc only: nothing runs.

/** @typedef {import('./openapi').components['schemas']} Schemas */
/** @typedef {Schemas['EarningsResponse']} EarningsResponse */
/** @typedef {Schemas['PurchaseResponse']} PurchaseResponse */
/** @typedef {Schemas['CommissionResponse']} Commission */
/** @typedef {Schemas['ReferralsResponse']} ReferralsResponse */
/** @typedef {Schemas['UserStatusResponse']} UserStatusResponse */
/** @typedef {Schemas['BalanceResponse']} BalanceResponse */
/** @typedef {Schemas['CreditEventData']['level']} Level */
/** @typedef {Schemas['ReferralEntry'] & Partial<Pick<Schemas['IndirectReferralEntry'], 'via'>>} ReferralEntry */
/** @typedef {Omit<Schemas['EarningDetail'], 'earning_id'> & Partial<Pick<Schemas['EarningDetail'], 'earning_id'> & Pick<Schemas['CreditEventData'], 'total_earnings'>>} Credit */

export {};
