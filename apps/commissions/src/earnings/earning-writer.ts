import type { EarningCredited } from '@app/contracts';
import type { EntityManager } from 'typeorm';
import { insertedId } from '../database/inserted-id';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { Earning } from './earning.entity';

/** The event of an earning row, as the notifier streams it and as a reconnecting client replays it. */
export function toEarningEvent(earning: Earning): EarningCredited {
  return {
    earningId: earning.id,
    userId: earning.userId,
    level: earning.level,
    amountPaise: earning.amountPaise,
    sourceUserId: earning.sourceUserId,
    purchaseId: earning.purchaseId,
    totalEarningsPaise: earning.totalAfterPaise,
    timestamp: earning.createdAt,
    refundId: earning.refundId,
  };
}

/**
 * Writes an earning (a credit, or a reversal with a negative amount) and its event into the outbox, inside
 * the caller's transaction: the event exists exactly when the earning commits.
 */
export async function writeEarning(manager: EntityManager, earning: Omit<Earning, 'id'>): Promise<number> {
  const id = await insertedId(manager.insert(Earning, earning));
  await manager.insert(OutboxEntry, { payload: toEarningEvent({ ...earning, id }) });
  return id;
}
