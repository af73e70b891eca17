import { Injectable } from '@nestjs/common';
import type { PurchaseDetail, TransactionsPage } from '@app/contracts';
import { LedgerRepository } from '../ledger/ledger.repository';
import { RefundsService } from '../refunds/refunds.service';
import { purchaseNotFound } from '../refunds/refunds.errors';

/** The record of what happened: one purchase explained, and a buyer's purchases. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly refunds: RefundsService,
  ) {}

  purchase(purchaseId: number): Promise<PurchaseDetail> {
    return this.ledger.read(async (tx) => {
      const purchase = await this.ledger.findPurchase(tx, purchaseId);
      if (!purchase) {
        throw purchaseNotFound(purchaseId);
      }
      return {
        ...purchase.view,
        commissions: purchase.commissions,
        refundedPaise: purchase.refundedPaise,
        refunds: await this.refunds.refundsOf(tx, purchaseId),
      };
    });
  }

  /** A buyer's purchases, newest first, a page at a time. */
  async transactions(userId: number, beforePurchaseId: number | undefined, limit: number): Promise<TransactionsPage> {
    const purchases = await this.ledger.read((tx) =>
      this.ledger.purchasesOfBuyer(tx, userId, beforePurchaseId ?? 0, limit + 1),
    );
    const page = purchases.slice(0, limit);
    return {
      userId,
      transactions: page,
      nextCursor: purchases.length > limit ? page[page.length - 1].purchaseId : null,
    };
  }
}
