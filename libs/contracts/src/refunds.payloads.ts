import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { CommissionDetail, Level, PurchaseView } from './commissions.payloads';
import { MAX_PURCHASE_RUPEES, PAISE_PER_RUPEE } from './money';
import { IsId } from './validation';

export class PurchaseIdRequest {
  @IsId()
  purchaseId!: number;
}

export class RefundPurchaseRequest {
  /** Identifies the refund for exactly-once processing: the client's Idempotency-Key or one the gateway made. */
  @IsString()
  @Length(1, 200)
  refundKey!: string;

  @IsId()
  purchaseId!: number;

  /** Paise to refund; omitted means whatever of the purchase is not refunded yet. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PURCHASE_RUPEES * PAISE_PER_RUPEE)
  amountPaise?: number;
}

/** A credit taken back: `amountPaise` is negative. */
export interface Reversal {
  earningId: number;
  userId: number;
  level: Level;
  amountPaise: number;
}

export interface RefundView {
  refundId: number;
  purchaseId: number;
  amountPaise: number;
  /** All refunds of the purchase so far, this one included. */
  refundedTotalPaise: number;
  timestamp: string;
  reversals: Reversal[];
}

export interface PurchaseDetail extends PurchaseView {
  refundedPaise: number;
  commissions: CommissionDetail[];
  refunds: RefundView[];
}

export class ListTransactionsRequest {
  @IsId()
  userId!: number;

  /** Only purchases with a smaller id (the cursor of the previous page); omitted for the newest. */
  @IsOptional()
  @IsId()
  beforePurchaseId?: number;

  @IsInt()
  @Min(1)
  @Max(100)
  limit!: number;
}

export interface TransactionSummary {
  purchaseId: number;
  amountPaise: number;
  refundedPaise: number;
  isValid: boolean;
  note: string;
  timestamp: string;
}

export interface TransactionsPage {
  userId: number;
  /** Newest first. */
  transactions: TransactionSummary[];
  /** Pass as `beforePurchaseId` for the next page; null on the last page. */
  nextCursor: number | null;
}
