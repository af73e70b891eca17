import { IsId } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiId, ApiRupees } from '../http/api-docs';

export class ReferInput {
  @ApiId('The referrer: at most 8 direct referrals')
  @IsId()
  referrer_id!: number;

  @ApiId('The user being referred: one referrer, set once', 2)
  @IsId()
  user_id!: number;
}

export class ReferResponse {
  @ApiProperty({ example: 'User referred' })
  message!: string;

  @ApiId('The referrer')
  referrer_id!: number;

  @ApiId('The referred user', 2)
  user_id!: number;
}

export class ReferralEntry {
  @ApiId('The referral', 2)
  id!: number;

  @ApiProperty({ example: 'Bob' })
  name!: string;

  @ApiProperty({ example: true })
  is_active!: boolean;

  /** Rupees `user_id` has earned from this referral's purchases. */
  @ApiRupees("What `user_id` earned from this referral's purchases", 75)
  earned!: number;
}

export class IndirectReferralEntry extends ReferralEntry {
  /** The direct referral through whom this one came. */
  @ApiId('The direct referral through whom this one came', 2)
  via!: number;
}

export class ReferralsResponse {
  @ApiId('The user whose referrals these are')
  user_id!: number;

  @ApiProperty({ type: [ReferralEntry], description: 'Ordered by id' })
  direct_referrals!: ReferralEntry[];

  @ApiProperty({ type: [IndirectReferralEntry], description: 'Level 2, ordered by id' })
  indirect_referrals!: IndirectReferralEntry[];
}
