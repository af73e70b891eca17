import { DomainError, ErrorCode, MAX_DIRECT_REFERRALS } from '@app/contracts';

export const selfReferral = (): DomainError =>
  new DomainError(ErrorCode.ReferralSelf, 'A user cannot refer themselves');

export const alreadyReferred = (userId: number, referrerId: number): DomainError =>
  new DomainError(ErrorCode.ReferralAlreadyReferred, `User ${userId} is already referred by user ${referrerId}`);

export const referralCycle = (userId: number, referrerId: number): DomainError =>
  new DomainError(
    ErrorCode.ReferralCycle,
    `User ${userId} is above user ${referrerId} in the tree; referring would make a cycle`,
  );

export const referralLimitReached = (referrerId: number): DomainError =>
  new DomainError(
    ErrorCode.ReferralLimitReached,
    `User ${referrerId} already has ${MAX_DIRECT_REFERRALS} direct referrals, the most allowed`,
  );
