import { IsId, paiseToRupees, type PurchaseView } from '@app/contracts';
import { IsRupeeAmount } from '../http/rupee-amount.validator';

export class PurchaseInput {
  @IsId()
  buyer_id!: number;

  /** Rupees, e.g. `1500` or `1500.50`; a JSON number in a body. */
  @IsRupeeAmount()
  amount!: string | number;
}

export interface CommissionResponse {
  user_id: number;
  level: number;
  amount: number;
  status: string;
}

export interface PurchaseResponse {
  purchase_id: number;
  buyer_id: number;
  amount: number;
  is_valid: boolean;
  note: string;
  timestamp: string;
  commissions: CommissionResponse[];
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
