import { Injectable } from '@nestjs/common';
import type { EarningRow, PurchaseDetail, TransactionsPage } from '@app/contracts';
import { TransactionRunner } from '@app/platform';
import { LessThan } from 'typeorm';
import { Earning } from '../earnings/earning.entity';
import { Purchase } from '../purchases/purchase.entity';
import { toPurchaseView } from '../purchases/purchase-ledger';
import { Refund } from '../refunds/refund.entity';
import { refundView } from '../refunds/refund-ledger';
import { purchaseNotFound } from '../refunds/refunds.errors';

/** The record of what happened: one purchase explained, a buyer's purchases, a user's earnings for export. */
@Injectable()
export class HistoryService {
  constructor(private readonly db: TransactionRunner) {}

  purchase(purchaseId: number): Promise<PurchaseDetail> {
    return this.db.read(async (manager) => {
      const purchase = await manager.findOneBy(Purchase, { id: purchaseId });
      if (!purchase) {
        throw purchaseNotFound(purchaseId);
      }
      const refunds = await manager.find(Refund, { where: { purchaseId }, order: { id: 'ASC' } });
      let refundedSoFar = 0;
      const refundViews = [];
      for (const refund of refunds) {
        refundedSoFar += refund.amountPaise;
        refundViews.push(await refundView(manager, refund, refundedSoFar));
      }
      return {
        ...toPurchaseView(purchase),
        commissions: purchase.commissions,
        refundedPaise: purchase.refundedPaise,
        refunds: refundViews,
      };
    });
  }

  /** A buyer's purchases, newest first, a page at a time. */
  transactions(userId: number, beforePurchaseId: number | undefined, limit: number): Promise<TransactionsPage> {
    return this.db.read(async (manager) => {
      const purchases = await manager.find(Purchase, {
        where: { buyerId: userId, ...(beforePurchaseId ? { id: LessThan(beforePurchaseId) } : {}) },
        order: { id: 'DESC' },
        take: limit + 1,
      });
      const page = purchases.slice(0, limit);
      return {
        userId,
        transactions: page.map((purchase) => ({
          purchaseId: purchase.id,
          amountPaise: purchase.amountPaise,
          refundedPaise: purchase.refundedPaise,
          isValid: purchase.isValid,
          note: purchase.note,
          timestamp: purchase.createdAt,
        })),
        nextCursor: purchases.length > limit ? page[page.length - 1].id : null,
      };
    });
  }

  /** Every earning and reversal of a user, oldest first. */
  async earnings(userId: number): Promise<EarningRow[]> {
    const earnings = await this.db.read((manager) =>
      manager.find(Earning, { where: { userId }, order: { id: 'ASC' } }),
    );
    return earnings.map((earning) => ({
      earningId: earning.id,
      timestamp: earning.createdAt,
      level: earning.level,
      amountPaise: earning.amountPaise,
      sourceUserId: earning.sourceUserId,
      purchaseId: earning.purchaseId,
      refundId: earning.refundId,
    }));
  }
}
