import {
  CommissionStatus,
  formatRupees,
  IsId,
  paiseToRupees,
  type CommissionDetail,
  type EarningRow,
  type PurchaseDetail,
  type TransactionsPage,
} from '@app/contracts';
import { IsOptional } from 'class-validator';
import { IsPageLimit } from '../http/page-limit';
import { toPurchaseResponse, type PurchaseResponse } from '../purchases/purchases.dto';
import { toRefundResponse, type RefundResponse } from '../refunds/refunds.dto';

export class TransactionsQuery {
  /** `next_cursor` of the previous page. */
  @IsOptional()
  @IsId()
  cursor?: number;

  /** 1–100, default 20. */
  @IsPageLimit(100)
  limit?: number;
}

export interface CommissionExplained {
  user_id: number;
  level: number;
  amount: number;
  status: string;
  rate_percent: number;
  /** The share before the cap. */
  share: number;
  recipient_active: boolean;
  cap_room_before: number | null;
  cap_room_after: number | null;
  why: string;
}

export interface PurchaseDetailResponse extends Omit<PurchaseResponse, 'commissions'> {
  refunded_amount: number;
  commissions: CommissionExplained[];
  refunds: RefundResponse[];
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

export interface TransactionsResponse {
  user_id: number;
  transactions: {
    purchase_id: number;
    amount: number;
    refunded_amount: number;
    is_valid: boolean;
    note: string;
    timestamp: string;
  }[];
  /** Pass as `cursor` for the next page; null on the last. */
  next_cursor: number | null;
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

const CSV_HEADER = 'earning_id,timestamp,type,level,amount,source_user_id,purchase_id,refund_id';

/** One row per earning and reversal, oldest first; amounts are exact rupee strings. */
export function toEarningsCsv(rows: EarningRow[]): string {
  const lines = rows.map((row) =>
    [
      row.earningId,
      row.timestamp,
      row.refundId === null ? 'credit' : 'reversal',
      row.level,
      formatRupees(row.amountPaise),
      row.sourceUserId,
      row.purchaseId,
      row.refundId ?? '',
    ].join(','),
  );
  return [CSV_HEADER, ...lines].join('\r\n') + '\r\n';
}
