import { IsId, MAX_PURCHASE_RUPEES, paiseToRupees, parseRupeesToPaise, type PurchaseView } from '@app/contracts';
import { ValidateBy } from 'class-validator';

/** A positive amount of rupees with at most 2 decimals, at most ₹1,000,000,000, in plain decimal notation. */
const IsRupeeAmount = (): PropertyDecorator =>
  ValidateBy({
    name: 'isRupeeAmount',
    validator: {
      validate: (value: unknown) => {
        const paise = parseRupeesToPaise(value);
        return paise !== null && paise > 0 && paise <= MAX_PURCHASE_RUPEES * 100;
      },
      defaultMessage: () =>
        `amount must be a positive number of rupees with at most 2 decimals, at most ${MAX_PURCHASE_RUPEES}`,
    },
  });

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
