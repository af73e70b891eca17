import { Injectable } from '@nestjs/common';
import type { RefundPurchaseRequest, RefundView } from '@app/contracts';
import { TransactionRunner } from '@app/platform';
import { OutboxPublisher } from '../outbox/outbox.publisher';
import { refundInLedger } from './refund-ledger';

@Injectable()
export class RefundsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly outbox: OutboxPublisher,
  ) {}

  /** Refunds all or part of a purchase exactly once per key, reversing its commissions in proportion. */
  async refund(request: RefundPurchaseRequest): Promise<RefundView> {
    const view = await this.db.write((manager) => refundInLedger(manager, request));
    if (view.reversals.length > 0) {
      this.outbox.publishSoon();
    }
    return view;
  }
}
