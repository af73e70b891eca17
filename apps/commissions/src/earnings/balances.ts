import type { Level } from '@app/contracts';
import { rawQuery } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { Balance } from './balance.entity';

export interface BalanceSnapshot {
  byLevelPaise: Record<Level, number>;
  totalPaise: number;
}

const LEVEL_COLUMN: Record<Level, 'level1_paise' | 'level2_paise'> = { 1: 'level1_paise', 2: 'level2_paise' };
const LEVEL_PROPERTY: Record<Level, 'level1Paise' | 'level2Paise'> = { 1: 'level1Paise', 2: 'level2Paise' };

/**
 * Reads a user's balance row and locks it until the transaction ends (creating it at zero if new). The upsert
 * is a write, so on PostgreSQL it holds the row lock and on SQLite the database write lock: no concurrent
 * credit can read the same balance before this one commits.
 */
export async function lockBalance(manager: EntityManager, userId: number): Promise<BalanceSnapshot> {
  const [row] = await rawQuery<{ level1_paise: number; level2_paise: number; total_paise: number }>(
    manager,
    `INSERT INTO balances (user_id, level1_paise, level2_paise, total_paise) VALUES (:userId, 0, 0, 0)
     ON CONFLICT (user_id) DO UPDATE SET user_id = excluded.user_id
     RETURNING level1_paise, level2_paise, total_paise`,
    { userId },
  );
  return {
    byLevelPaise: { 1: Number(row.level1_paise), 2: Number(row.level2_paise) },
    totalPaise: Number(row.total_paise),
  };
}

/**
 * Adds a credit to a locked balance. The condition re-checks the cap in the same statement, so even a wrong
 * caller cannot push a level past it: the credit is then refused and the transaction rolls back.
 */
export async function addCredit(
  manager: EntityManager,
  userId: number,
  level: Level,
  amountPaise: number,
  capPaise: number,
): Promise<void> {
  const column = LEVEL_COLUMN[level];
  const result = await manager
    .createQueryBuilder()
    .update(Balance)
    .set({
      [LEVEL_PROPERTY[level]]: () => `${column} + :amount`,
      totalPaise: () => 'total_paise + :amount',
    })
    .where(`user_id = :userId AND ${column} + :amount <= :cap`, { userId, amount: amountPaise, cap: capPaise })
    .execute();
  if (result.affected !== 1) {
    throw new Error(`Credit of ${amountPaise} paise to user ${userId} at level ${level} would cross the cap`);
  }
}

/** Takes a reversed credit back out of a locked balance, giving its room under the cap back. */
export async function removeCredit(
  manager: EntityManager,
  userId: number,
  level: Level,
  amountPaise: number,
): Promise<void> {
  const column = LEVEL_COLUMN[level];
  const result = await manager
    .createQueryBuilder()
    .update(Balance)
    .set({ [LEVEL_PROPERTY[level]]: () => `${column} - :amount`, totalPaise: () => 'total_paise - :amount' })
    .where(`user_id = :userId AND ${column} >= :amount`, { userId, amount: amountPaise })
    .execute();
  if (result.affected !== 1) {
    throw new Error(`Reversal of ${amountPaise} paise from user ${userId} at level ${level} exceeds what was earned`);
  }
}
