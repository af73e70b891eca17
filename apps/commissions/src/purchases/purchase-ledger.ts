import { type CommissionDetail, type PurchaseView, type RecordPurchaseRequest } from '@app/contracts';
import type { EntityManager } from 'typeorm';
import { addCredit, lockBalance } from '../earnings/balances';
import { insertedId } from '../database/inserted-id';
import { writeEarning } from '../earnings/earning-writer';
import { settleShare, type PurchaseAssessment } from './commission-rules';
import { Purchase } from './purchase.entity';
import { idempotencyKeyReused } from './purchases.errors';

/** The first answer for a key, or 409 when the key came with other parameters. */
export function replayOf(purchase: Purchase, request: RecordPurchaseRequest): PurchaseView {
  if (purchase.buyerId !== request.buyerId || purchase.amountPaise !== request.amountPaise) {
    throw idempotencyKeyReused();
  }
  return toPurchaseView(purchase);
}

/**
 * Writes one purchase and everything it pays, inside the caller's transaction: the purchase row, the credits
 * against locked balances (never past the cap), one earning row and one outbox event per credit. A key that
 * is already recorded returns its first answer and writes nothing (`recorded: false`).
 */
export async function recordInLedger(
  manager: EntityManager,
  request: RecordPurchaseRequest,
  assessment: PurchaseAssessment,
  capPerLevelPaise: number,
): Promise<{ view: PurchaseView; credited: boolean; recorded: boolean }> {
  const existing = await manager.findOneBy(Purchase, { purchaseKey: request.purchaseKey });
  if (existing) {
    return { view: replayOf(existing, request), credited: false, recorded: false };
  }
  const createdAt = new Date().toISOString();
  const settled: { commission: CommissionDetail; totalAfterPaise: number }[] = [];
  for (const share of assessment.shares) {
    if (!share.isActive) {
      settled.push({ commission: settleShare(share, 0, capPerLevelPaise), totalAfterPaise: 0 });
      continue;
    }
    const balance = await lockBalance(manager, share.userId);
    const commission = settleShare(share, balance.byLevelPaise[share.level], capPerLevelPaise);
    settled.push({ commission, totalAfterPaise: balance.totalPaise + commission.amountPaise });
  }
  const commissions = settled.map((entry) => entry.commission);
  const purchase = manager.create(Purchase, {
    purchaseKey: request.purchaseKey,
    buyerId: request.buyerId,
    amountPaise: request.amountPaise,
    isValid: assessment.isValid,
    note: assessment.note,
    commissions,
    refundedPaise: 0,
    createdAt,
  });
  purchase.id = await insertedId(manager.insert(Purchase, purchase));

  for (const { commission, totalAfterPaise } of settled) {
    if (commission.amountPaise === 0) {
      continue;
    }
    await addCredit(manager, commission.userId, commission.level, commission.amountPaise, capPerLevelPaise);
    await writeEarning(manager, {
      userId: commission.userId,
      level: commission.level,
      amountPaise: commission.amountPaise,
      sourceUserId: request.buyerId,
      purchaseId: purchase.id,
      refundId: null,
      totalAfterPaise,
      createdAt,
    });
  }
  return { view: toPurchaseView(purchase), credited: commissions.some((c) => c.amountPaise > 0), recorded: true };
}

export function toPurchaseView(purchase: Purchase): PurchaseView {
  return {
    purchaseId: purchase.id,
    buyerId: purchase.buyerId,
    amountPaise: purchase.amountPaise,
    isValid: purchase.isValid,
    note: purchase.note,
    timestamp: purchase.createdAt,
    commissions: purchase.commissions.map(({ userId, level, amountPaise, status }) => ({
      userId,
      level,
      amountPaise,
      status,
    })),
  };
}
