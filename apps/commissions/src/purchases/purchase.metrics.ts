import { Injectable } from '@nestjs/common';
import { CommissionStatus, type PurchaseView } from '@app/contracts';
import { MetricsRegistry } from '@app/platform';
import { Counter } from 'prom-client';

/**
 * What the ledger recorded, as Prometheus counters. Counted once per purchase, after its transaction has
 * committed (a replayed key counts nothing): counter increments only, no I/O.
 */
@Injectable()
export class PurchaseMetrics {
  private readonly purchases: Counter<'is_valid'>;
  private readonly credits: Counter<'level'>;
  private readonly creditedPaise: Counter<'level'>;
  private readonly capped: Counter<'level'>;
  private readonly inactive: Counter<'level'>;

  constructor(registry: MetricsRegistry) {
    const registers = [registry];
    this.purchases = new Counter({
      name: 'commissions_purchases_recorded_total',
      help: 'Purchases recorded, by whether they qualify for commissions',
      labelNames: ['is_valid'],
      registers,
    });
    this.credits = new Counter({
      name: 'commissions_credits_total',
      help: 'Credits paid (earnings written), by level',
      labelNames: ['level'],
      registers,
    });
    this.creditedPaise = new Counter({
      name: 'commissions_credited_paise_total',
      help: 'Paise credited, by level',
      labelNames: ['level'],
      registers,
    });
    this.capped = new Counter({
      name: 'commissions_shares_capped_total',
      help: 'Shares cut, in part or whole, by the per-level cap, by level',
      labelNames: ['level'],
      registers,
    });
    this.inactive = new Counter({
      name: 'commissions_shares_inactive_total',
      help: 'Shares not paid because the recipient was inactive, by level',
      labelNames: ['level'],
      registers,
    });
  }

  /** Counts a purchase that has just been recorded. */
  recorded(purchase: PurchaseView): void {
    this.purchases.inc({ is_valid: String(purchase.isValid) });
    for (const { level, amountPaise, status } of purchase.commissions) {
      const labels = { level: String(level) };
      if (amountPaise > 0) {
        this.credits.inc(labels);
        this.creditedPaise.inc(labels, amountPaise);
      }
      switch (status) {
        case CommissionStatus.Capped:
          this.capped.inc(labels);
          break;
        case CommissionStatus.Inactive:
          this.inactive.inc(labels);
          break;
        case CommissionStatus.Credited:
          break;
      }
    }
  }
}
