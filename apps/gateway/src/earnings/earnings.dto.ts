import { paiseToRupees, type EarningsSummary } from '@app/contracts';
import { IsPageLimit } from '../http/page-limit';

export class LeaderboardQuery {
  /** 1–100, default 10. */
  @IsPageLimit(100)
  limit?: number;
}

export interface LeaderboardEntryResponse {
  user_id: number;
  name: string;
  total_earnings: number;
}

type LevelKey = '1' | '2';

export interface EarningsResponse {
  user_id: number;
  total_earnings: number;
  earnings_by_level: Record<LevelKey, number>;
  cap_remaining: Record<LevelKey, number>;
  details: {
    /** The earning's id: the same as the SSE event id. */
    earning_id: number;
    source_user_id: number;
    level: number;
    amount: number;
    purchase_id: number;
    timestamp: string;
  }[];
}

export const toEarningsResponse = (summary: EarningsSummary): EarningsResponse => ({
  user_id: summary.userId,
  total_earnings: paiseToRupees(summary.totalPaise),
  earnings_by_level: { 1: paiseToRupees(summary.byLevelPaise[1]), 2: paiseToRupees(summary.byLevelPaise[2]) },
  cap_remaining: { 1: paiseToRupees(summary.capRemainingPaise[1]), 2: paiseToRupees(summary.capRemainingPaise[2]) },
  details: summary.details.map((detail) => ({
    earning_id: detail.earningId,
    source_user_id: detail.sourceUserId,
    level: detail.level,
    amount: paiseToRupees(detail.amountPaise),
    purchase_id: detail.purchaseId,
    timestamp: detail.timestamp,
  })),
});
