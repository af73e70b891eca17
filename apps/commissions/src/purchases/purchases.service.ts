import { Inject, Injectable } from '@nestjs/common';
import {
  userNotFound,
  type CommissionDetail,
  type Earning,
  type PurchaseView,
  type RecordPurchaseRequest,
} from '@app/contracts';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from '../config';
import { isUniqueViolation } from '../ledger/unique-violation';
import { LedgerRepository, type LedgerTx, type OutboxEvent, type StoredPurchase } from '../ledger/ledger.repository';
import { MembersRepository } from '../members/members.repository';
import { OutboxPublisher } from '../outbox/outbox.publisher';
import { assessPurchase, settleShare, type CommissionRules } from './commission-rules';
import { PurchaseMetrics } from './purchase.metrics';
import { idempotencyKeyReused, ledgerDisagreesWithRules } from './purchases.errors';

interface Recorded {
  view: PurchaseView;
  /** False for a replay of a key recorded before. */
  isNew: boolean;
  /** The events committed with the purchase. */
  events: OutboxEvent[];
}

@Injectable()
export class PurchasesService {
  private readonly rules: CommissionRules;
  private readonly holdMs: number;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly members: MembersRepository,
    private readonly outbox: OutboxPublisher,
    private readonly metrics: PurchaseMetrics,
    @Inject(COMMISSIONS_CONFIG) config: CommissionsConfig,
  ) {
    this.rules = config.rules;
    this.holdMs = config.COMMISSION_HOLD_SECONDS * 1_000;
  }

  /**
   * Records a purchase exactly once per key and pays its commissions. An unknown buyer is refused (404) before
   * anything is written; a key seen before returns the first answer (or 409 with other parameters), decided
   * inside the transaction that would otherwise record it.
   */
  async record(request: RecordPurchaseRequest): Promise<PurchaseView> {
    let recorded: Recorded;
    try {
      recorded = await this.ledger.write((tx) => this.recordInTransaction(tx, request));
    } catch (error) {
      // Two instances raced on one key (PostgreSQL): the loser answers with the winner's purchase.
      const winner = isUniqueViolation(error)
        ? await this.ledger.read((tx) => this.ledger.findPurchaseByKey(tx, request.purchaseKey))
        : null;
      if (winner) {
        return replayOf(winner, request);
      }
      throw error;
    }
    // After the commit: what a rollback undid is neither published nor counted.
    if (recorded.isNew) {
      this.outbox.publishCommitted(recorded.events);
      this.metrics.recorded(recorded.view);
    }
    return recorded.view;
  }

  /**
   * Inside one transaction: the buyer's upline from the copy of the tree, the purchase row, each active share
   * credited to its level's balance up to the cap, the user's new total, one earning per credit, and the event
   * that announces them all. The upline is read in the transaction that pays it: a change the copy took before
   * (every change the gateway answered before this purchase was sent) applies to it.
   */
  private async recordInTransaction(tx: LedgerTx, request: RecordPurchaseRequest): Promise<Recorded> {
    const chain = await this.members.uplineOf(tx, request.buyerId, this.rules.levels.length);
    if (!chain) {
      throw userNotFound(request.buyerId);
    }
    const assessment = assessPurchase(request.amountPaise, chain.upline, this.rules);
    const earlier = await this.ledger.findPurchaseByKey(tx, request.purchaseKey);
    if (earlier) {
      return { view: replayOf(earlier, request), isNew: false, events: [] };
    }
    const commissions: CommissionDetail[] = [];
    for (const share of assessment.shares) {
      if (!share.isActive) {
        commissions.push(settleShare(share, 0));
        continue;
      }
      const { earnedPaise, creditedPaise } = await this.ledger.creditBalance(
        tx,
        share.userId,
        share.level,
        share.sharePaise,
        share.capPaise,
      );
      const commission = settleShare(share, earnedPaise - creditedPaise);
      if (commission.amountPaise !== creditedPaise) {
        throw ledgerDisagreesWithRules(share.userId, share.level, creditedPaise, commission.amountPaise);
      }
      commissions.push(commission);
    }

    const now = Date.now();
    const timestamp = new Date(now).toISOString();
    // A credit counts at once, but is payable only after the shop's refund window (SPEC: holds).
    const releaseAt = new Date(now + this.holdMs).toISOString();
    const purchase = {
      purchaseKey: request.purchaseKey,
      buyerId: request.buyerId,
      amountPaise: request.amountPaise,
      isValid: assessment.isValid,
      note: assessment.note,
      commissions,
      createdAt: timestamp,
    };
    const purchaseId = await this.ledger.insertPurchase(tx, purchase);

    const credits: Earning[] = [];
    for (const { userId, level, amountPaise } of commissions) {
      if (amountPaise === 0) {
        continue;
      }
      const totalEarningsPaise = await this.ledger.addToTotal(tx, userId, amountPaise);
      const earning = {
        userId,
        level,
        amountPaise,
        sourceUserId: request.buyerId,
        purchaseId,
        refundId: null,
        totalEarningsPaise,
        timestamp,
      };
      const earningId = await this.ledger.insertEarning(tx, { ...earning, releaseAt });
      credits.push({ earningId, ...earning });
    }
    const view: PurchaseView = {
      purchaseId,
      buyerId: request.buyerId,
      amountPaise: request.amountPaise,
      isValid: assessment.isValid,
      note: assessment.note,
      timestamp,
      commissions: commissions.map(({ userId, level, amountPaise, status }) => ({
        userId,
        level,
        amountPaise,
        status,
      })),
    };
    // One event announces the purchase and its credits.
    return { view, isNew: true, events: [await this.ledger.enqueuePurchase(tx, view, credits)] };
  }
}

/** The first answer for a key, or 409 when the key came with other parameters. */
function replayOf(purchase: StoredPurchase, request: RecordPurchaseRequest): PurchaseView {
  if (purchase.view.buyerId !== request.buyerId || purchase.view.amountPaise !== request.amountPaise) {
    throw idempotencyKeyReused();
  }
  return purchase.view;
}
