import { DomainError, ErrorCode, MAX_DIRECT_REFERRALS } from '@app/contracts';

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
    return new DomainError(ErrorCode.ReferralSelf, 'A user cannot refer themselves');
  }
  if (facts.userReferredBy !== null) {
    return new DomainError(
      ErrorCode.ReferralAlreadyReferred,
      `User ${facts.userId} is already referred by user ${facts.userReferredBy}`,
    );
  }
  if (facts.referrerChain.includes(facts.userId)) {
    return new DomainError(
      ErrorCode.ReferralCycle,
      `User ${facts.userId} is above user ${facts.referrerId} in the tree; referring would make a cycle`,
    );
  }
  if (facts.referrerDirectCount >= MAX_DIRECT_REFERRALS) {
    return new DomainError(
      ErrorCode.ReferralLimitReached,
      `User ${facts.referrerId} already has ${MAX_DIRECT_REFERRALS} direct referrals, the most allowed`,
    );
  }
  return null;
}
