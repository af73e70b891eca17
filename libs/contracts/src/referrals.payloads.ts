import { IsArray, IsBoolean, IsInt, IsString, Min, ValidateIf } from 'class-validator';
import { IsId, IsUserName, Trim } from './validation';

/** Most direct referrals one user may have (inactive ones count). */
export const MAX_DIRECT_REFERRALS = 8;
export const NAME_MAX_LENGTH = 100;

/** A user as the referrals service knows it. */
export interface UserView {
  id: number;
  name: string;
  isActive: boolean;
  referredBy: number | null;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** Counts the user's changes (1 when created): a copy of the user keeps the highest version it was sent. */
  version: number;
}

export class CreateUserRequest {
  /** 1–100 characters (code points) after trimming; not unique. */
  @Trim()
  @IsUserName(NAME_MAX_LENGTH)
  name!: string;
}

export class UserIdRequest {
  @IsId()
  userId!: number;
}

export class UserIdsRequest {
  @IsArray()
  @IsInt({ each: true })
  userIds!: number[];
}

export class SetUserActiveRequest {
  @IsId()
  userId!: number;

  @IsBoolean()
  isActive!: boolean;
}

export class ReferRequest {
  @IsId()
  referrerId!: number;

  @IsId()
  userId!: number;
}

export interface ReferResult {
  referrerId: number;
  userId: number;
}

/** A referral as answered: the referred user as it now is. */
export interface Referral extends ReferResult {
  user: UserView;
}

export interface TreeMember {
  id: number;
  name: string;
  isActive: boolean;
}

export interface IndirectTreeMember extends TreeMember {
  /** The direct referral through whom this user was referred. */
  via: number;
}

/** A user's referrals two levels deep, each list ordered by id. */
export interface ReferralTree {
  userId: number;
  direct: TreeMember[];
  indirect: IndirectTreeMember[];
}

/** A referral as announced: when it committed. */
export interface UserReferred extends ReferResult {
  /** ISO 8601, UTC. */
  timestamp: string;
}

export interface UserStatusChanged {
  userId: number;
  isActive: boolean;
  /** ISO 8601, UTC: when the change committed. */
  timestamp: string;
}

/**
 * A user's part of the referral tree as commissions keeps a copy of it (`members`): announced after every
 * change, and applied only if its version is higher than the copy's, so copies arriving in any order and
 * any number of times leave the newest.
 */
export class MemberChange {
  @IsId()
  userId!: number;

  @IsString()
  name!: string;

  /** Null for a user nobody referred; never left out (a missing one is malformed, not "no referrer"). */
  @ValidateIf((change: MemberChange) => change.referredBy !== null)
  @IsId()
  referredBy!: number | null;

  @IsBoolean()
  isActive!: boolean;

  @IsInt()
  @Min(1)
  version!: number;
}

/** The member change of a user as referrals answered it. */
export const memberChangeOf = (user: UserView): MemberChange => ({
  userId: user.id,
  name: user.name,
  referredBy: user.referredBy,
  isActive: user.isActive,
  version: user.version,
});
