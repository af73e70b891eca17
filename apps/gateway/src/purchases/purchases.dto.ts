import { CommissionStatus, IsId, MAX_PURCHASE_RUPEES, paiseToRupees, type PurchaseView } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiId, ApiRupees } from '../http/api-docs';
import { IsRupeeAmount } from '../http/rupee-amount.validator';

export class PurchaseInput {
  @ApiId('The buyer', 5)
  @IsId()
  buyer_id!: number;

  /** Rupees, e.g. `1500` or `1500.50`; a JSON number in a body. */
  @ApiProperty({
    type: 'number',
    description: 'Rupees: plain decimals with at most 2 decimals, positive, at most 1,000,000,000',
    example: 1500,
    minimum: 0.01,
    maximum: MAX_PURCHASE_RUPEES,
  })
  @IsRupeeAmount()
  amount!: string | number;
}

export class CommissionResponse {
  @ApiId('The recipient', 2)
  user_id!: number;

  @ApiProperty({ enum: [1, 2], example: 1 })
  level!: number;

  @ApiRupees('What was paid')
  amount!: number;

  @ApiProperty({ enum: Object.values(CommissionStatus), example: CommissionStatus.Credited })
  status!: string;
}

export class PurchaseResponse {
  @ApiId('The purchase', 17)
  purchase_id!: number;

  @ApiId('The buyer', 5)
  buyer_id!: number;

  @ApiRupees('The purchase amount', 1500)
  amount!: number;

  @ApiProperty({ description: 'Whether the purchase qualifies (at least ₹1000)', example: true })
  is_valid!: boolean;

  @ApiProperty({ description: 'Why it qualifies or not', example: 'Qualifies (at least ₹1000.00)' })
  note!: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-02T03:04:05.678Z' })
  timestamp!: string;

  @ApiProperty({ type: [CommissionResponse], description: 'Ordered by level; [] for a buyer with no referrer' })
  commissions!: CommissionResponse[];
}

export const toPurchaseResponse = (purchase: PurchaseView): PurchaseResponse => ({
  purchase_id: purchase.purchaseId,
  buyer_id: purchase.buyerId,
  amount: paiseToRupees(purchase.amountPaise),
  is_valid: purchase.isValid,
  note: purchase.note,
  timestamp: purchase.timestamp,
  commissions: purchase.commissions.map((commission) => ({
    user_id: commission.userId,
    level: commission.level,
    amount: paiseToRupees(commission.amountPaise),
    status: commission.status,
  })),
});
