import { Injectable } from '@nestjs/common';
import type { RefundPurchaseRequest, RefundView, Reversal } from '@app/contracts';
import { isUniqueViolation } from '../ledger/unique-violation';
import { LedgerRepository, type LedgerTx, type OutboxEvent, type StoredRefund } from '../ledger/ledger.repository';
import { OutboxPublisher } from '../outbox/outbox.publisher';
import { reversalFor } from './refund-rules';
import { purchaseNotFound, refundExceedsPurchase, refundKeyReused } from './refunds.errors';

@Injectable()
export class RefundsService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  /** Refunds all or part of a purchase exactly once per key, reversing its commissions in proportion. */
  async refund(request: RefundPurchaseRequest): Promise<RefundView> {
    let refunded: { view: RefundView; events: OutboxEvent[] };
    try {
      refunded = await this.ledger.write((tx) => this.refundInTransaction(tx, request));
    } catch (error) {
      // Two refunds with one key at once (PostgreSQL): the loser answers as a replay of the winner.
      const winner = isUniqueViolation(error)
        ? await this.ledger.read((tx) => this.ledger.findRefundByKey(tx, request.refundKey))
        : null;
      if (winner) {
        return this.ledger.read((tx) => this.replay(tx, winner, request));
      }
      throw error;
    }
    this.outbox.publishCommitted(refunded.events);
    return refunded.view;
  }

  /** The answer of each refund of a purchase, oldest first, with the refunded total after each. */
  async refundsOf(tx: LedgerTx, purchaseId: number): Promise<RefundView[]> {
    let refundedSoFar = 0;
    const views: RefundView[] = [];
    for (const refund of await this.ledger.refundsOfPurchase(tx, purchaseId)) {
      refundedSoFar += refund.amountPaise;
      views.push(await this.viewOf(tx, refund, refundedSoFar));
    }
    return views;
  }

  /**
   * Inside one transaction: claims the amount against the purchase (never past it), records the refund, and
   * reverses each credit of the purchase by the rounded cumulative proportion, giving the cap room back.
   */
  private async refundInTransaction(
    tx: LedgerTx,
    request: RefundPurchaseRequest,
  ): Promise<{ view: RefundView; events: OutboxEvent[] }> {
    const earlier = await this.ledger.findRefundByKey(tx, request.refundKey);
    if (earlier) {
      return { view: await this.replay(tx, earlier, request), events: [] };
    }
    const purchase = await this.ledger.findPurchase(tx, request.purchaseId);
    if (!purchase) {
      throw purchaseNotFound(request.purchaseId);
    }
    const { purchaseId, amountPaise: purchasePaise, buyerId } = purchase.view;
    const leftPaise = purchasePaise - purchase.refundedPaise;
    const amountPaise = request.amountPaise ?? leftPaise;
    const refundedAfterPaise = amountPaise > 0 ? await this.ledger.claimRefund(tx, purchaseId, amountPaise) : null;
    if (refundedAfterPaise === null) {
      throw refundExceedsPurchase(purchaseId, leftPaise);
    }

    const timestamp = new Date().toISOString();
    const refundId = await this.ledger.insertRefund(tx, {
      refundKey: request.refundKey,
      purchaseId,
      amountPaise,
      timestamp,
    });
    const reversals: Reversal[] = [];
    const events: OutboxEvent[] = [];
    for (const credit of await this.ledger.creditsOfPurchase(tx, purchaseId)) {
      const reversal = reversalFor({
        creditedPaise: credit.amountPaise,
        reversedPaise: credit.reversedPaise,
        purchasePaise,
        refundedAfterPaise,
      });
      if (reversal === 0) {
        continue;
      }
      await this.ledger.setReversed(tx, credit.earningId, credit.reversedPaise + reversal);
      await this.ledger.debitBalance(tx, credit.userId, credit.level, reversal);
      const totalEarningsPaise = await this.ledger.addToTotal(tx, credit.userId, -reversal);
      const earning = {
        userId: credit.userId,
        level: credit.level,
        amountPaise: -reversal,
        sourceUserId: buyerId,
        purchaseId,
        refundId,
        totalEarningsPaise,
        timestamp,
      };
      // The reversal lands where its credit is: on hold with it, or against what is available (a clawback).
      const earningId = await this.ledger.insertEarning(tx, { ...earning, releaseAt: credit.releaseAt });
      events.push(await this.ledger.enqueueEarning(tx, { earningId, ...earning }));
      reversals.push({ earningId, userId: credit.userId, level: credit.level, amountPaise: -reversal });
    }
    const view = { refundId, purchaseId, amountPaise, refundedTotalPaise: refundedAfterPaise, timestamp, reversals };
    return { view, events };
  }

  /** The first answer for a key, or 409 when the key came with another purchase or amount. */
  private async replay(tx: LedgerTx, earlier: StoredRefund, request: RefundPurchaseRequest): Promise<RefundView> {
    if (
      earlier.purchaseId !== request.purchaseId ||
      (request.amountPaise ?? earlier.amountPaise) !== earlier.amountPaise
    ) {
      throw refundKeyReused();
    }
    const views = await this.refundsOf(tx, earlier.purchaseId);
    const view = views.find((candidate) => candidate.refundId === earlier.refundId);
    if (!view) {
      throw new Error(`refund ${earlier.refundId} is missing from its purchase's refunds`);
    }
    return view;
  }

  private async viewOf(tx: LedgerTx, refund: StoredRefund, refundedTotalPaise: number): Promise<RefundView> {
    const reversals = await this.ledger.reversalsOfRefund(tx, refund.refundId);
    return {
      refundId: refund.refundId,
      purchaseId: refund.purchaseId,
      amountPaise: refund.amountPaise,
      refundedTotalPaise,
      timestamp: refund.timestamp,
      reversals: reversals.map(({ earningId, userId, level, amountPaise }) => ({
        earningId,
        userId,
        level,
        amountPaise,
      })),
    };
  }
}
