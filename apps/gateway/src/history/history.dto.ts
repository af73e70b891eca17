import {
  CommissionStatus,
  formatRupees,
  IsId,
  paiseToRupees,
  type CommissionDetail,
  type Earning,
  type PurchaseDetail,
  type TransactionsPage,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ApiId, ApiLimit, ApiRupees } from '../http/api-docs';
import { IsPageLimit } from '../http/page-limit';
import { CommissionResponse, PurchaseResponse, toPurchaseResponse } from '../purchases/purchases.dto';
import { RefundResponse, toRefundResponse } from '../refunds/refunds.dto';

export class TransactionsQuery {
  /** `next_cursor` of the previous page. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: '`next_cursor` of the previous page' })
  @IsOptional()
  @IsId()
  cursor?: number;

  /** 1–100, default 20. */
  @ApiLimit('Purchases per page', 100, 20)
  @IsPageLimit(100)
  limit?: number;
}

/** A commission as the purchase answered it, with the facts that decided it. */
export class CommissionExplained extends CommissionResponse {
  @ApiProperty({ example: 5 })
  rate_percent!: number;

  /** The share before the cap. */
  @ApiRupees('The share before the cap')
  share!: number;

  @ApiProperty({ example: true })
  recipient_active!: boolean;

  @ApiProperty({ type: 'number', nullable: true, description: 'Cap room before this credit (rupees)', example: 1000 })
  cap_room_before!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'Cap room after this credit (rupees)', example: 925 })
  cap_room_after!: number | null;

  @ApiProperty({ example: '5% of ₹1500.00 is ₹75.00, paid in full' })
  why!: string;
}

export class PurchaseDetailResponse extends OmitType(PurchaseResponse, ['commissions'] as const) {
  @ApiRupees('Refunded so far', 0)
  refunded_amount!: number;

  @ApiProperty({ type: [CommissionExplained] })
  commissions!: CommissionExplained[];

  @ApiProperty({ type: [RefundResponse] })
  refunds!: RefundResponse[];
}

function explain(commission: CommissionDetail, amountPaise: number): string {
  const share = `${commission.rateBasisPoints / 100}% of ₹${formatRupees(amountPaise)} is ₹${formatRupees(commission.sharePaise)}`;
  switch (commission.status) {
    case CommissionStatus.Inactive:
      return `${share}, but the recipient was inactive: nothing paid`;
    case CommissionStatus.Capped:
      return `${share}, cut to ₹${formatRupees(commission.amountPaise)} by the cap (₹${formatRupees(commission.capRoomBeforePaise ?? 0)} of room was left)`;
    case CommissionStatus.Credited:
      return `${share}, paid in full`;
  }
}

const rupeesOrNull = (paise: number | null): number | null => (paise === null ? null : paiseToRupees(paise));

export const toPurchaseDetailResponse = (purchase: PurchaseDetail): PurchaseDetailResponse => ({
  ...toPurchaseResponse(purchase),
  refunded_amount: paiseToRupees(purchase.refundedPaise),
  commissions: purchase.commissions.map((commission) => ({
    user_id: commission.userId,
    level: commission.level,
    amount: paiseToRupees(commission.amountPaise),
    status: commission.status,
    rate_percent: commission.rateBasisPoints / 100,
    share: paiseToRupees(commission.sharePaise),
    recipient_active: commission.recipientActive,
    cap_room_before: rupeesOrNull(commission.capRoomBeforePaise),
    cap_room_after: rupeesOrNull(commission.capRoomAfterPaise),
    why: explain(commission, purchase.amountPaise),
  })),
  refunds: purchase.refunds.map(toRefundResponse),
});

export class TransactionEntry {
  @ApiId('The purchase', 17)
  purchase_id!: number;

  @ApiRupees('The purchase amount', 1500)
  amount!: number;

  @ApiRupees('Refunded so far', 0)
  refunded_amount!: number;

  @ApiProperty({ example: true })
  is_valid!: boolean;

  @ApiProperty({ example: 'Qualifies (at least ₹1000.00)' })
  note!: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-02T03:04:05.678Z' })
  timestamp!: string;
}

export class TransactionsResponse {
  @ApiId('The buyer', 5)
  user_id!: number;

  @ApiProperty({ type: [TransactionEntry], description: 'Newest first' })
  transactions!: TransactionEntry[];

  /** Pass as `cursor` for the next page; null on the last. */
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  next_cursor!: number | null;
}

export const toTransactionsResponse = (page: TransactionsPage): TransactionsResponse => ({
  user_id: page.userId,
  transactions: page.transactions.map((transaction) => ({
    purchase_id: transaction.purchaseId,
    amount: paiseToRupees(transaction.amountPaise),
    refunded_amount: paiseToRupees(transaction.refundedPaise),
    is_valid: transaction.isValid,
    note: transaction.note,
    timestamp: transaction.timestamp,
  })),
  next_cursor: page.nextCursor,
});

export const EARNINGS_CSV_HEADER = 'earning_id,timestamp,type,level,amount,source_user_id,purchase_id,refund_id\r\n';

/** CSV lines of earnings and reversals, in the order given; amounts are exact rupee strings. */
export function earningsCsvLines(rows: Earning[]): string {
  return rows
    .map(
      (row) =>
        [
          row.earningId,
          row.timestamp,
          row.refundId === null ? 'credit' : 'reversal',
          row.level,
          formatRupees(row.amountPaise),
          row.sourceUserId,
          row.purchaseId,
          row.refundId ?? '',
        ].join(',') + '\r\n',
    )
    .join('');
}
