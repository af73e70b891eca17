import { Inject, Injectable } from '@nestjs/common';
import {
  userNotFound,
  type Earning,
  type EarningsSummary,
  type LeaderboardEntry,
  type PerLevel,
  type ReferralsView,
} from '@app/contracts';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from '../config';
import { LedgerRepository } from '../ledger/ledger.repository';
import { MembersRepository } from '../members/members.repository';
import type { LevelRule } from '../purchases/commission-rules';

/**
 * Reads of what users have earned. Totals come from balances, lists from indexed ranges of earnings, and who a
 * user is (or whether there is such a user) from `members`, the copy of the tree.
 */
@Injectable()
export class EarningsService {
  private readonly levels: LevelRule[];

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly members: MembersRepository,
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
      // Whoever has earned exists; anyone else must be a member (a user referrals knows).
      if (details.length === 0 && !(await this.members.exists(tx, userId))) {
        throw userNotFound(userId);
      }
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

  /** The user's referrals two levels deep, with what the user earned from each one's purchases. */
  referrals(userId: number): Promise<ReferralsView> {
    return this.ledger.read(async (tx) => {
      const tree = await this.members.treeOf(tx, userId);
      if (!tree) {
        throw userNotFound(userId);
      }
      const sources = [...tree.direct, ...tree.indirect].map((member) => member.id);
      const earned = sources.length
        ? await this.ledger.earnedFromSources(tx, userId, sources)
        : new Map<number, number>();
      const earnedFrom = (id: number): number => earned.get(id) ?? 0;
      return {
        userId,
        direct: tree.direct.map((member) => ({ ...member, earnedPaise: earnedFrom(member.id) })),
        indirect: tree.indirect.map((member) => ({ ...member, earnedPaise: earnedFrom(member.id) })),
      };
    });
  }

  /** Users by total earned, descending, ties by id; users who never earned are not listed. */
  leaderboard(limit: number): Promise<LeaderboardEntry[]> {
    return this.ledger.read((tx) => this.ledger.leaderboard(tx, limit));
  }
}
