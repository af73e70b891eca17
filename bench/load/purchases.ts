/** The part of a purchase response the bench reads. */
export interface PurchaseAnswer {
  purchase_id: number;
  commissions: { user_id: number; level: number; amount: number; status: string }[];
}

export const purchasePath = (buyerId: number, amount: string): string =>
  `/purchase?buyer_id=${buyerId}&amount=${amount}`;

/** Rupees in a response (at most 2 decimals) back to integer paise. */
export const toPaise = (rupees: number): number => Math.round(rupees * 100);
