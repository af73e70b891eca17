import { IsId, paiseToRupees, type EarningsSummary } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ApiId, ApiLimit, ApiRupees } from '../http/api-docs';
import { IsPageLimit } from '../http/page-limit';

export class LeaderboardQuery {
  /** 1–100, default 10. */
  @ApiLimit('How many users to list', 100, 10)
  @IsPageLimit(100)
  limit?: number;
}

export class LeaderboardEntryResponse {
  @ApiId('The user')
  user_id!: number;

  @ApiProperty({ example: 'Alice' })
  name!: string;

  @ApiRupees('Everything the user has earned', 765.5)
  total_earnings!: number;
}

/**
 * Rupees per level: a key for every configured level, `"1"` … `"N"` (two with the default rates). Extra
 * levels beyond the two documented here appear as further keys of the same shape.
 */
export class LevelAmounts {
  [level: string]: number;

  @ApiRupees('Level 1', 350)
  '1'!: number;

  @ApiRupees('Level 2', 80)
  '2'!: number;
}

/** Paise per level to rupees per level, keeping every configured level's key. */
const rupeesPerLevel = (paise: Record<number, number>): LevelAmounts =>
  Object.fromEntries(Object.entries(paise).map(([level, amount]) => [level, paiseToRupees(amount)])) as LevelAmounts;

export class EarningDetail {
  /** The earning's id: the same as the SSE event id. */
  @ApiId("The earning's id: the same as the SSE event id", 42)
  earning_id!: number;

  @ApiId('The buyer whose purchase paid this', 5)
  source_user_id!: number;

  @ApiProperty({ enum: [1, 2], example: 1 })
  level!: number;

  @ApiRupees('The credit', 100)
  amount!: number;

  @ApiId('The purchase', 17)
  purchase_id!: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-02T03:04:05.678Z' })
  timestamp!: string;
}

export class EarningsQuery {
  /** `next_cursor` of the previous page of details. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: '`next_cursor` of the previous page of details' })
  @IsOptional()
  @IsId()
  cursor?: number;

  /** Details per page: 1–1000, default 100. */
  @ApiLimit('Details per page', 1000, 100)
  @IsPageLimit(1000)
  limit?: number;
}

export class EarningsResponse {
  @ApiId('The user', 2)
  user_id!: number;

  @ApiRupees('Everything earned', 430)
  total_earnings!: number;

  @ApiProperty({ type: LevelAmounts })
  earnings_by_level!: LevelAmounts;

  @ApiProperty({ type: LevelAmounts, description: 'What each level may still earn under its ₹1000 cap' })
  cap_remaining!: LevelAmounts;

  @ApiProperty({ type: [EarningDetail], description: 'Newest first' })
  details!: EarningDetail[];

  /** Present only when there are more details: the body of a user with one page keeps SPEC.md's exact shape. */
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Pass as `cursor` for the next page of details; absent on the last page',
  })
  next_cursor?: number;
}

export const toEarningsResponse = (summary: EarningsSummary): EarningsResponse => ({
  user_id: summary.userId,
  total_earnings: paiseToRupees(summary.totalPaise),
  earnings_by_level: rupeesPerLevel(summary.byLevelPaise),
  cap_remaining: rupeesPerLevel(summary.capRemainingPaise),
  details: summary.details.map((detail) => ({
    earning_id: detail.earningId,
    source_user_id: detail.sourceUserId,
    level: detail.level,
    amount: paiseToRupees(detail.amountPaise),
    purchase_id: detail.purchaseId,
    timestamp: detail.timestamp,
  })),
  ...(summary.nextCursor === null ? {} : { next_cursor: summary.nextCursor }),
});
