import type { Level, RefundPurchaseRequest, RefundView, Reversal } from '@app/contracts';
import { rawQuery } from '@app/platform';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { insertedId } from '../database/inserted-id';
import { lockBalance, removeCredit } from '../earnings/balances';
import { Earning } from '../earnings/earning.entity';
import { writeEarning } from '../earnings/earning-writer';
import { Purchase } from '../purchases/purchase.entity';
import { Refund } from './refund.entity';
import { reversalFor } from './refund-rules';
import { purchaseNotFound, refundExceedsPurchase, refundKeyReused } from './refunds.errors';

/**
 * Applies one refund inside the caller's transaction: claims its amount against the purchase with a
 * conditional update (so concurrent refunds can never add up to more than the purchase), records it, and
 * reverses the purchase's credits in proportion at both levels, giving the cap room back. A key already
 * applied returns its first answer.
 */
export async function refundInLedger(manager: EntityManager, request: RefundPurchaseRequest): Promise<RefundView> {
  const earlier = await manager.findOneBy(Refund, { refundKey: request.refundKey });
  if (earlier) {
    if (
      earlier.purchaseId !== request.purchaseId ||
      (request.amountPaise ?? earlier.amountPaise) !== earlier.amountPaise
    ) {
      throw refundKeyReused();
    }
    return refundView(manager, earlier);
  }
  const purchase = await manager.findOneBy(Purchase, { id: request.purchaseId });
  if (!purchase) {
    throw purchaseNotFound(request.purchaseId);
  }
  const amountPaise = request.amountPaise ?? purchase.amountPaise - purchase.refundedPaise;
  const refundedAfterPaise = await claimRefund(manager, purchase, amountPaise);

  const createdAt = new Date().toISOString();
  const refund = manager.create(Refund, {
    refundKey: request.refundKey,
    purchaseId: purchase.id,
    amountPaise,
    createdAt,
  });
  refund.id = await insertedId(manager.insert(Refund, refund));

  const credits = await manager.find(Earning, {
    where: { purchaseId: purchase.id, refundId: IsNull() },
    order: { id: 'ASC' },
  });
  for (const credit of credits) {
    const reversedPaise = await reversedSoFar(manager, purchase.id, credit.userId, credit.level);
    const reversal = reversalFor({
      creditedPaise: credit.amountPaise,
      reversedPaise,
      purchasePaise: purchase.amountPaise,
      refundPaise: amountPaise,
      refundedAfterPaise,
    });
    if (reversal === 0) {
      continue;
    }
    const balance = await lockBalance(manager, credit.userId);
    await removeCredit(manager, credit.userId, credit.level, reversal);
    await writeEarning(manager, {
      userId: credit.userId,
      level: credit.level,
      amountPaise: -reversal,
      sourceUserId: purchase.buyerId,
      purchaseId: purchase.id,
      refundId: refund.id,
      totalAfterPaise: balance.totalPaise - reversal,
      createdAt,
    });
  }
  return refundView(manager, refund, refundedAfterPaise);
}

/** Adds the refund to the purchase's refunded total unless that would exceed the purchase; returns the new total. */
async function claimRefund(manager: EntityManager, purchase: Purchase, amountPaise: number): Promise<number> {
  const left = purchase.amountPaise - purchase.refundedPaise;
  if (amountPaise <= 0) {
    throw refundExceedsPurchase(purchase.id, left);
  }
  const rows = await rawQuery<{ refunded_paise: number | string }>(
    manager,
    `UPDATE purchases SET refunded_paise = refunded_paise + :amount
     WHERE id = :id AND refunded_paise + :amount <= amount_paise
     RETURNING refunded_paise`,
    { id: purchase.id, amount: amountPaise },
  );
  if (rows.length === 0) {
    throw refundExceedsPurchase(purchase.id, left);
  }
  return Number(rows[0].refunded_paise);
}

async function reversedSoFar(
  manager: EntityManager,
  purchaseId: number,
  userId: number,
  level: Level,
): Promise<number> {
  const { sum } = (await manager
    .createQueryBuilder(Earning, 'earning')
    .select('COALESCE(SUM(earning.amount_paise), 0)', 'sum')
    .where({ purchaseId, userId, level, refundId: Not(IsNull()) })
    .getRawOne<{ sum: number | string }>()) ?? { sum: 0 };
  return -Number(sum);
}

/** A refund as answered: its reversals and the purchase's refunded total. */
export async function refundView(
  manager: EntityManager,
  refund: Refund,
  refundedTotalPaise?: number,
): Promise<RefundView> {
  const reversals = await manager.find(Earning, { where: { refundId: refund.id }, order: { id: 'ASC' } });
  const total =
    refundedTotalPaise ??
    Number(
      (
        await manager
          .createQueryBuilder(Refund, 'refund')
          .select('SUM(refund.amount_paise)', 'sum')
          .where('refund.purchase_id = :purchaseId AND refund.id <= :id', {
            purchaseId: refund.purchaseId,
            id: refund.id,
          })
          .getRawOne<{ sum: number | string }>()
      )?.sum ?? 0,
    );
  return {
    refundId: refund.id,
    purchaseId: refund.purchaseId,
    amountPaise: refund.amountPaise,
    refundedTotalPaise: total,
    timestamp: refund.createdAt,
    reversals: reversals.map((earning): Reversal => ({
      earningId: earning.id,
      userId: earning.userId,
      level: earning.level,
      amountPaise: earning.amountPaise,
    })),
  };
}
