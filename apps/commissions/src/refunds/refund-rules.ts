/** What a refund takes back from one credit of the purchase it refunds. */
export interface ReversalFacts {
  /** The credit as paid by the purchase. */
  creditedPaise: number;
  /** What earlier refunds already took back from it. */
  reversedPaise: number;
  purchasePaise: number;
  refundPaise: number;
  /** The purchase's refunds in total, this one included. */
  refundedAfterPaise: number;
}

/**
 * `round_half_up(credited × refunded / amount)`, in exact integers (the product can pass 2^53, hence BigInt).
 * The refund that completes the purchase takes back exactly what remains, so the reversals of a fully
 * refunded purchase sum to its credits to the paisa; no refund ever takes back more than remains.
 */
export function reversalFor(facts: ReversalFacts): number {
  const remaining = facts.creditedPaise - facts.reversedPaise;
  if (facts.refundedAfterPaise >= facts.purchasePaise) {
    return remaining;
  }
  const numerator = 2n * BigInt(facts.creditedPaise) * BigInt(facts.refundPaise) + BigInt(facts.purchasePaise);
  const proportional = Number(numerator / (2n * BigInt(facts.purchasePaise)));
  return Math.min(proportional, remaining);
}
