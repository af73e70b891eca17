import { Inject, Injectable } from '@nestjs/common';
import type { EarnedFrom, EarningCredited, EarningsSummary, LeaderboardEntry } from '@app/contracts';
import { TransactionRunner } from '@app/platform';
import { In, MoreThan, MoreThanOrEqual } from 'typeorm';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from '../config';
import { Balance } from './balance.entity';
import { Earning } from './earning.entity';
import { toEarningEvent } from './earning-writer';

/** Reads of what users have earned. Totals come from balances, lists from indexed ranges of earnings. */
@Injectable()
export class EarningsService {
  constructor(
    private readonly db: TransactionRunner,
    @Inject(COMMISSIONS_CONFIG) private readonly config: CommissionsConfig,
  ) {}

  /** Totals per level, room left under each cap, and every credit newest first. */
  summary(userId: number): Promise<EarningsSummary> {
    return this.db.read(async (manager) => {
      const balance = await manager.findOneBy(Balance, { userId });
      const earnings = await manager.find(Earning, { where: { userId }, order: { id: 'DESC' } });
      const level1 = balance?.level1Paise ?? 0;
      const level2 = balance?.level2Paise ?? 0;
      const cap = this.config.CAP_PER_LEVEL_PAISE;
      return {
        userId,
        totalPaise: balance?.totalPaise ?? 0,
        byLevelPaise: { 1: level1, 2: level2 },
        capRemainingPaise: { 1: Math.max(0, cap - level1), 2: Math.max(0, cap - level2) },
        details: earnings.map((earning) => ({
          earningId: earning.id,
          sourceUserId: earning.sourceUserId,
          level: earning.level,
          amountPaise: earning.amountPaise,
          purchaseId: earning.purchaseId,
          timestamp: earning.createdAt,
        })),
      };
    });
  }

  /** Credits after `afterEarningId`, oldest first: what an SSE client missed. */
  async since(userId: number, afterEarningId: number, limit: number): Promise<EarningCredited[]> {
    const earnings = await this.db.read((manager) =>
      manager.find(Earning, { where: { userId, id: MoreThan(afterEarningId) }, order: { id: 'ASC' }, take: limit }),
    );
    return earnings.map(toEarningEvent);
  }

  /** What `userId` earned from each of `sourceUserIds`' purchases (only sources that paid something). */
  async earnedFrom(userId: number, sourceUserIds: number[]): Promise<EarnedFrom> {
    if (sourceUserIds.length === 0) {
      return {};
    }
    const rows = await this.db.read((manager) =>
      manager
        .createQueryBuilder(Earning, 'earning')
        .select('earning.source_user_id', 'source')
        .addSelect('SUM(earning.amount_paise)', 'paise')
        .where({ userId, sourceUserId: In(sourceUserIds) })
        .groupBy('earning.source_user_id')
        .getRawMany<{ source: number; paise: number | string }>(),
    );
    return Object.fromEntries(rows.map((row) => [Number(row.source), Number(row.paise)]));
  }

  /** Users by total earned, descending, ties by id; users who never earned are not listed. */
  async leaderboard(limit: number): Promise<LeaderboardEntry[]> {
    const balances = await this.db.read((manager) =>
      manager.find(Balance, {
        where: { totalPaise: MoreThanOrEqual(1) },
        order: { totalPaise: 'DESC', userId: 'ASC' },
        take: limit,
      }),
    );
    return balances.map((balance) => ({ userId: balance.userId, totalPaise: balance.totalPaise }));
  }
}
