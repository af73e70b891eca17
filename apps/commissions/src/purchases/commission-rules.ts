import { CommissionStatus, paiseToRupees, shareOf, type CommissionDetail, type Level } from '@app/contracts';

/** A member of a buyer's upline, as the rules need them. */
export interface UplineMember {
  id: number;
  isActive: boolean;
}

/** What one level pays: its rate, and the most one user may earn at it in total. */
export interface LevelRule {
  level: Level;
  rateBasisPoints: number;
  capPaise: number;
}

/** The rules of money, as configured (SPEC.md defaults: 5% / 1%, ₹1000 threshold, ₹1000 cap per level). */
export interface CommissionRules {
  /** Level 1 first; their number is the depth that pays. */
  levels: LevelRule[];
  /** A purchase qualifies at this amount or more. */
  qualifyingAmountPaise: number;
}

/** A share owed to one member of the upline, before the cap is applied. */
export interface Share {
  userId: number;
  level: Level;
  isActive: boolean;
  rateBasisPoints: number;
  sharePaise: number;
  /** The recipient's cap at this level. */
  capPaise: number;
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
  const shares = rules.levels.flatMap(({ level, rateBasisPoints, capPaise }): Share[] => {
    const member = upline[level - 1];
    if (!member) {
      return [];
    }
    const sharePaise = shareOf(amountPaise, rateBasisPoints);
    return [{ userId: member.id, level, isActive: member.isActive, rateBasisPoints, sharePaise, capPaise }];
  });
  const note =
    shares.length === 0
      ? `Qualifies (at least ${threshold}), but the buyer has no referrer`
      : `Qualifies (at least ${threshold})`;
  return { isValid: true, note, shares };
}

/** What the cap lets through of a share, given what the recipient already earned at that level. */
export function creditUnderCap(sharePaise: number, earnedPaise: number, capPaise: number): number {
  return Math.min(sharePaise, Math.max(0, capPaise - earnedPaise));
}

/**
 * What is paid for one share given what the recipient had earned at that level before it (ignored when the
 * recipient is inactive). Inactive recipients get nothing, and that status wins over capped; otherwise the
 * share is paid up to the cap.
 */
export function settleShare(share: Share, earnedBeforePaise: number): CommissionDetail {
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
  const room = Math.max(0, share.capPaise - earnedBeforePaise);
  const amountPaise = creditUnderCap(share.sharePaise, earnedBeforePaise, share.capPaise);
  const status = amountPaise < share.sharePaise ? CommissionStatus.Capped : CommissionStatus.Credited;
  return { ...facts, amountPaise, status, capRoomBeforePaise: room, capRoomAfterPaise: room - amountPaise };
}
