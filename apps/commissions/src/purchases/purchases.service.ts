import { Inject, Injectable } from '@nestjs/common';
import { LEVELS, RequestSubject, type PurchaseView, type RecordPurchaseRequest } from '@app/contracts';
import { ServiceClient, TransactionRunner } from '@app/platform';
import { QueryFailedError } from 'typeorm';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from '../config';
import { OutboxPublisher } from '../outbox/outbox.publisher';
import { assessPurchase, type CommissionRules } from './commission-rules';
import { Purchase } from './purchase.entity';
import { PurchaseMetrics } from './purchase.metrics';
import { recordInLedger, replayOf } from './purchase-ledger';

@Injectable()
export class PurchasesService {
  private readonly rules: CommissionRules;

  constructor(
    private readonly db: TransactionRunner,
    private readonly services: ServiceClient,
    private readonly outbox: OutboxPublisher,
    private readonly metrics: PurchaseMetrics,
    @Inject(COMMISSIONS_CONFIG) config: CommissionsConfig,
  ) {
    this.rules = config.rules;
  }

  /**
   * Records a purchase exactly once per key and pays its commissions. A client's key seen before returns the first
   * answer (or 409 with other parameters) without asking anyone anything; an unknown buyer is refused by the
   * referrals service before anything is written.
   */
  async record(request: RecordPurchaseRequest): Promise<PurchaseView> {
    // A key the gateway made is new by construction; the ledger checks again inside the transaction anyway.
    const earlier = request.keyFromClient ? await this.findByKey(request.purchaseKey) : null;
    if (earlier) {
      return replayOf(earlier, request);
    }
    const { upline } = await this.services.request(RequestSubject.GetUpline, {
      userId: request.buyerId,
      levels: LEVELS.length,
    });
    const assessment = assessPurchase(request.amountPaise, upline, this.rules);
    try {
      const { view, credited, recorded } = await this.db.write((manager) =>
        recordInLedger(manager, request, assessment, this.rules.capPerLevelPaise),
      );
      // After the commit: what a rollback undid is neither published nor counted.
      if (credited) {
        this.outbox.publishSoon();
      }
      if (recorded) {
        this.metrics.recorded(view);
      }
      return view;
    } catch (error) {
      // Two instances raced on one key (PostgreSQL): the loser answers with the winner's purchase.
      const winner = isUniqueViolation(error) ? await this.findByKey(request.purchaseKey) : null;
      if (winner) {
        return replayOf(winner, request);
      }
      throw error;
    }
  }

  private findByKey(purchaseKey: string): Promise<Purchase | null> {
    return this.db.read((manager) => manager.findOneBy(Purchase, { purchaseKey }));
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
