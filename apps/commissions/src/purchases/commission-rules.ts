import {
  CommissionStatus,
  LEVELS,
  paiseToRupees,
  shareOf,
  type CommissionDetail,
  type Level,
  type PerLevel,
  type UplineMember,
} from '@app/contracts';

/** The rules of money, as configured (SPEC.md defaults: 5% / 1%, ₹1000 threshold, ₹1000 cap per level). */
export interface CommissionRules {
  /** Rate per level in basis points. */
  ratesBasisPoints: PerLevel<number>;
  /** A purchase qualifies at this amount or more. */
  qualifyingAmountPaise: number;
  /** The most one user can earn at one level, in total over time. */
  capPerLevelPaise: number;
}

/** A share owed to one member of the upline, before the cap is applied. */
export interface Share {
  userId: number;
  level: Level;
  isActive: boolean;
  rateBasisPoints: number;
  sharePaise: number;
}

export interface PurchaseAssessment {
  isValid: boolean;
  note: string;
  /** One entry per level that has a recipient, nearest first. Empty when the purchase does not qualify. */
  shares: Share[];
}

/** Decides whether a purchase qualifies and what each upline member's share is. */
export function assessPurchase(
  amountPaise: number,
  upline: UplineMember[],
  rules: CommissionRules,
): PurchaseAssessment {
  const threshold = `₹${paiseToRupees(rules.qualifyingAmountPaise).toFixed(2)}`;
  if (amountPaise < rules.qualifyingAmountPaise) {
    return { isValid: false, note: `Below the ${threshold} minimum: no commissions`, shares: [] };
  }
  const shares = LEVELS.flatMap((level): Share[] => {
    const member = upline[level - 1];
    if (!member) {
      return [];
    }
    const rateBasisPoints = rules.ratesBasisPoints[level];
    const sharePaise = shareOf(amountPaise, rateBasisPoints);
    return [{ userId: member.id, level, isActive: member.isActive, rateBasisPoints, sharePaise }];
  });
  const note =
    shares.length === 0
      ? `Qualifies (at least ${threshold}), but the buyer has no referrer`
      : `Qualifies (at least ${threshold})`;
  return { isValid: true, note, shares };
}

/**
 * What is paid for one share given what the recipient has already earned at that level (ignored when the
 * recipient is inactive). Inactive recipients get nothing, and that status wins over capped; otherwise the
 * share is paid up to the cap.
 */
export function settleShare(share: Share, earnedAtLevelPaise: number, capPerLevelPaise: number): CommissionDetail {
  const facts = {
    userId: share.userId,
    level: share.level,
    rateBasisPoints: share.rateBasisPoints,
    sharePaise: share.sharePaise,
    recipientActive: share.isActive,
  };
  if (!share.isActive) {
    return {
      ...facts,
      amountPaise: 0,
      status: CommissionStatus.Inactive,
      capRoomBeforePaise: null,
      capRoomAfterPaise: null,
    };
  }
  const room = Math.max(0, capPerLevelPaise - earnedAtLevelPaise);
  const amountPaise = Math.min(share.sharePaise, room);
  const status = amountPaise < share.sharePaise ? CommissionStatus.Capped : CommissionStatus.Credited;
  return { ...facts, amountPaise, status, capRoomBeforePaise: room, capRoomAfterPaise: room - amountPaise };
}
