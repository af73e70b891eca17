import { ErrorCode, MAX_DIRECT_REFERRALS } from '@app/contracts';
import { brokenReferralRule, type ReferralFacts } from './referral-rules';

const allowed: ReferralFacts = {
  referrerId: 1,
  userId: 2,
  userReferredBy: null,
  referrerChain: [1],
  referrerDirectCount: 0,
};

describe(brokenReferralRule.name, () => {
  it('allows a first referral of an unreferred user', () => {
    expect(brokenReferralRule(allowed)).toBeNull();
  });

  it('allows the eighth referral and refuses the ninth', () => {
    expect(brokenReferralRule({ ...allowed, referrerDirectCount: MAX_DIRECT_REFERRALS - 1 })).toBeNull();
    expect(brokenReferralRule({ ...allowed, referrerDirectCount: MAX_DIRECT_REFERRALS })?.code).toBe(
      ErrorCode.ReferralLimitReached,
    );
  });

  it('refuses self-referral', () => {
    expect(brokenReferralRule({ ...allowed, userId: 1 })?.code).toBe(ErrorCode.ReferralSelf);
  });

  it('refuses a user who already has a referrer', () => {
    expect(brokenReferralRule({ ...allowed, userReferredBy: 7 })?.code).toBe(ErrorCode.ReferralAlreadyReferred);
  });

  it('refuses a cycle of any length', () => {
    expect(brokenReferralRule({ ...allowed, referrerChain: [1, 2] })?.code).toBe(ErrorCode.ReferralCycle);
    expect(brokenReferralRule({ ...allowed, referrerChain: [1, 5, 9, 4, 2] })?.code).toBe(ErrorCode.ReferralCycle);
  });

  it('checks in the order self, already referred, cycle, limit', () => {
    const everythingWrong = { referrerId: 1, userId: 1, userReferredBy: 3, referrerChain: [1], referrerDirectCount: 8 };
    expect(brokenReferralRule(everythingWrong)?.code).toBe(ErrorCode.ReferralSelf);
    expect(brokenReferralRule({ ...everythingWrong, userId: 2, referrerChain: [1, 2] })?.code).toBe(
      ErrorCode.ReferralAlreadyReferred,
    );
    expect(
      brokenReferralRule({ ...everythingWrong, userId: 2, userReferredBy: null, referrerChain: [1, 2] })?.code,
    ).toBe(ErrorCode.ReferralCycle);
  });
});
