import { Inject, Injectable } from '@nestjs/common';
import {
  type EarnedFrom,
  type Earning,
  type EarningsSummary,
  type LeaderboardEntry,
  type PerLevel,
} from '@app/contracts';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from '../config';
import { LedgerRepository } from '../ledger/ledger.repository';
import type { LevelRule } from '../purchases/commission-rules';

/** Reads of what users have earned. Totals come from balances, lists from indexed ranges of earnings. */
@Injectable()
export class EarningsService {
  private readonly levels: LevelRule[];

  constructor(
    private readonly ledger: LedgerRepository,
    @Inject(COMMISSIONS_CONFIG) config: CommissionsConfig,
  ) {
    this.levels = config.rules.levels;
  }

  /** Totals per configured level, room left under each cap, and a page of the credits, newest first. */
  summary(userId: number, beforeEarningId: number | undefined, limit: number): Promise<EarningsSummary> {
    return this.ledger.read(async (tx) => {
      const { byLevelPaise, totalPaise } = await this.ledger.earnedByLevel(tx, userId);
      const earned: PerLevel<number> = {};
      const capRemaining: PerLevel<number> = {};
      for (const { level, capPaise } of this.levels) {
        earned[level] = byLevelPaise.get(level) ?? 0;
        capRemaining[level] = Math.max(0, capPaise - earned[level]);
      }
      const details = await this.ledger.earningsOfUser(tx, userId, beforeEarningId ?? 0, limit + 1);
      const page = details.slice(0, limit);
      return {
        userId,
        totalPaise,
        byLevelPaise: earned,
        capRemainingPaise: capRemaining,
        details: page,
        nextCursor: details.length > limit ? page[page.length - 1].earningId : null,
      };
    });
  }

  /** Credits after `afterEarningId`, oldest first: what an SSE client missed. */
  since(userId: number, afterEarningId: number, limit: number): Promise<Earning[]> {
    return this.ledger.read((tx) => this.ledger.earningsSince(tx, userId, afterEarningId, limit));
  }

  /** What `userId` earned from each of `sourceUserIds`' purchases (only sources that paid something). */
  async earnedFrom(userId: number, sourceUserIds: number[]): Promise<EarnedFrom> {
    if (sourceUserIds.length === 0) {
      return {};
    }
    const earned = await this.ledger.read((tx) => this.ledger.earnedFromSources(tx, userId, sourceUserIds));
    return Object.fromEntries(earned);
  }

  /** Users by total earned, descending, ties by id; users who never earned are not listed. */
  leaderboard(limit: number): Promise<LeaderboardEntry[]> {
    return this.ledger.read((tx) => this.ledger.leaderboard(tx, limit));
  }
}
