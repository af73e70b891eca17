import { Injectable } from '@nestjs/common';
import { paiseToRupees, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import type { ReferralsResponse } from './referrals.dto';

/**
 * `GET /referrals/{id}`: the tree and what the user earned from each referral's purchases (level 1 for direct
 * referrals, level 2 for indirect ones), both from commissions, which keeps a copy of the tree next to the
 * earnings: one request.
 */
@Injectable()
export class ReferralsView {
  constructor(private readonly services: ServiceClient) {}

  async of(userId: number): Promise<ReferralsResponse> {
    const view = await this.services.request(RequestSubject.GetReferrals, { userId });
    return {
      user_id: view.userId,
      direct_referrals: view.direct.map(({ id, name, isActive, earnedPaise }) => ({
        id,
        name,
        is_active: isActive,
        earned: paiseToRupees(earnedPaise),
      })),
      indirect_referrals: view.indirect.map(({ id, name, via, isActive, earnedPaise }) => ({
        id,
        name,
        via,
        is_active: isActive,
        earned: paiseToRupees(earnedPaise),
      })),
    };
  }
}
