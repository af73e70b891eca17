import { IsId, paiseToRupees, type RefundView } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ApiId, ApiRupees } from '../http/api-docs';
import { IsRupeeAmount } from '../http/rupee-amount.validator';

export class PurchaseIdParams {
  @ApiId('A purchase id', 17)
  @IsId()
  purchase_id!: number;
}

export class RefundInput {
  /** Rupees to refund; omitted refunds whatever of the purchase is left. */
  @ApiPropertyOptional({
    type: 'number',
    description: 'Rupees to refund, at most 2 decimals; omitted refunds whatever of the purchase is left',
    example: 500,
  })
  @IsOptional()
  @IsRupeeAmount()
  amount?: string | number;
}

export class ReversalEntry {
  @ApiId('The reversal earning row', 43)
  earning_id!: number;

  @ApiId('Whose credit is taken back', 2)
  user_id!: number;

  @ApiProperty({ enum: [1, 2], example: 1 })
  level!: number;

  @ApiRupees('Negative: the amount taken back', -25)
  amount!: number;
}

export class RefundResponse {
  @ApiId('The refund')
  refund_id!: number;

  @ApiId('The purchase', 17)
  purchase_id!: number;

  @ApiRupees('This refund', 500)
  amount!: number;

  /** All refunds of the purchase so far, this one included. */
  @ApiRupees('All refunds of the purchase so far, this one included', 500)
  refunded_total!: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-02T03:04:05.678Z' })
  timestamp!: string;

  /** The credits taken back, as negative amounts. */
  @ApiProperty({ type: [ReversalEntry], description: 'The credits taken back, as negative amounts' })
  reversals!: ReversalEntry[];
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
