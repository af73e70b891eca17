import { Injectable } from '@nestjs/common';
import { RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import type { ReferralsResponse } from './referrals.dto';

/** Composes `GET /referrals/{id}` from the referral tree (and, once commissions lands, what was earned). */
@Injectable()
export class ReferralsView {
  constructor(private readonly services: ServiceClient) {}

  async of(userId: number): Promise<ReferralsResponse> {
    const tree = await this.services.request(RequestSubject.GetReferralTree, { userId });
    return {
      user_id: tree.userId,
      direct_referrals: tree.direct.map(({ id, name, isActive }) => ({ id, name, is_active: isActive, earned: 0 })),
      indirect_referrals: tree.indirect.map(({ id, name, via, isActive }) => ({
        id,
        name,
        via,
        is_active: isActive,
        earned: 0,
      })),
    };
  }
}
