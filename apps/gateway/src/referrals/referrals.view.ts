import { Injectable } from '@nestjs/common';
import { paiseToRupees, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import type { ReferralsResponse } from './referrals.dto';

/**
 * Composes `GET /referrals/{id}`: the tree from referrals, and from commissions what the user earned from
 * each referral's purchases (level 1 for direct referrals, level 2 for indirect ones).
 */
@Injectable()
export class ReferralsView {
  constructor(private readonly services: ServiceClient) {}

  async of(userId: number): Promise<ReferralsResponse> {
    const tree = await this.services.request(RequestSubject.GetReferralTree, { userId });
    const sourceUserIds = [...tree.direct, ...tree.indirect].map((member) => member.id);
    const earned = sourceUserIds.length
      ? await this.services.request(RequestSubject.GetEarnedFrom, { userId, sourceUserIds })
      : {};
    const earnedFrom = (id: number): number => paiseToRupees(earned[id] ?? 0);
    return {
      user_id: tree.userId,
      direct_referrals: tree.direct.map(({ id, name, isActive }) => ({
        id,
        name,
        is_active: isActive,
        earned: earnedFrom(id),
      })),
      indirect_referrals: tree.indirect.map(({ id, name, via, isActive }) => ({
        id,
        name,
        via,
        is_active: isActive,
        earned: earnedFrom(id),
      })),
    };
  }
}
