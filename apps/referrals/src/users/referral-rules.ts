import { MAX_DIRECT_REFERRALS, type DomainError } from '@app/contracts';
import { alreadyReferred, referralCycle, referralLimitReached, selfReferral } from './users.errors';

/** What the rules need to know about a proposed referral, read inside the transaction that applies it. */
export interface ReferralFacts {
  referrerId: number;
  userId: number;
  /** The user's current referrer, if any. */
  userReferredBy: number | null;
  /** The referrer and every user above it, up to the root. */
  referrerChain: readonly number[];
  /** How many users the referrer has referred already. */
  referrerDirectCount: number;
}

/**
 * Decides whether `referrerId` may refer `userId`; returns the broken rule or null. When several rules are
 * broken, SPEC.md fixes the order: self, already referred, cycle, limit.
 */
export function brokenReferralRule(facts: ReferralFacts): DomainError | null {
  if (facts.referrerId === facts.userId) {
    return selfReferral();
  }
  if (facts.userReferredBy !== null) {
    return alreadyReferred(facts.userId, facts.userReferredBy);
  }
  if (facts.referrerChain.includes(facts.userId)) {
    return referralCycle(facts.userId, facts.referrerId);
  }
  if (facts.referrerDirectCount >= MAX_DIRECT_REFERRALS) {
    return referralLimitReached(facts.referrerId);
  }
  return null;
}
