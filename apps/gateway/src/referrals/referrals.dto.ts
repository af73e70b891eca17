import { IsId } from '@app/contracts';

export class ReferInput {
  @IsId()
  referrer_id!: number;

  @IsId()
  user_id!: number;
}

export interface ReferResponse {
  message: string;
  referrer_id: number;
  user_id: number;
}

export interface ReferralEntry {
  id: number;
  name: string;
  is_active: boolean;
  /** Rupees `user_id` has earned from this referral's purchases. */
  earned: number;
}

export interface IndirectReferralEntry extends ReferralEntry {
  /** The direct referral through whom this one came. */
  via: number;
}

export interface ReferralsResponse {
  user_id: number;
  direct_referrals: ReferralEntry[];
  indirect_referrals: IndirectReferralEntry[];
}
