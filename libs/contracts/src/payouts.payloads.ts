/** Where a payout is. Wire names: never rename without a migration. */
export enum PayoutStatus {
  /** Created and handed to the bank run; its credits belong to it. */
  Processing = 'processing',
  /** The money reached the payee. */
  Paid = 'paid',
  /** The transfer failed: its amount is available again. */
  Failed = 'failed',
}

/** One payout as answered and announced (`payout.created`, `payout.paid`, `payout.failed`). */
export interface PayoutView {
  payoutId: number;
  userId: number;
  amountPaise: number;
  status: PayoutStatus;
  /** ISO 8601, UTC. */
  createdAt: string;
  paidAt: string | null;
  failureReason: string | null;
}
