import { IsId, paiseToRupees, type RefundView } from '@app/contracts';
import { IsOptional } from 'class-validator';
import { IsRupeeAmount } from '../http/rupee-amount.validator';

export class PurchaseIdParams {
  @IsId()
  purchase_id!: number;
}

export class RefundInput {
  /** Rupees to refund; omitted refunds whatever of the purchase is left. */
  @IsOptional()
  @IsRupeeAmount()
  amount?: string | number;
}

export interface RefundResponse {
  refund_id: number;
  purchase_id: number;
  amount: number;
  /** All refunds of the purchase so far, this one included. */
  refunded_total: number;
  timestamp: string;
  /** The credits taken back, as negative amounts. */
  reversals: { earning_id: number; user_id: number; level: number; amount: number }[];
}

export const toRefundResponse = (refund: RefundView): RefundResponse => ({
  refund_id: refund.refundId,
  purchase_id: refund.purchaseId,
  amount: paiseToRupees(refund.amountPaise),
  refunded_total: paiseToRupees(refund.refundedTotalPaise),
  timestamp: refund.timestamp,
  reversals: refund.reversals.map((reversal) => ({
    earning_id: reversal.earningId,
    user_id: reversal.userId,
    level: reversal.level,
    amount: paiseToRupees(reversal.amountPaise),
  })),
});
