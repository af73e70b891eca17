/** What a refund takes back from one credit of the purchase it refunds. */
export interface ReversalFacts {
  /** The credit as paid by the purchase. */
  creditedPaise: number;
  /** What earlier refunds already took back from it. */
  reversedPaise: number;
  purchasePaise: number;
  /** The purchase's refunds in total, this one included. */
  refundedAfterPaise: number;
}

/** `round_half_up(creditedPaise × refundedPaise / purchasePaise)`, exact (the product can pass 2^53). */
export function reversedByNow(creditedPaise: number, refundedPaise: number, purchasePaise: number): number {
  const twice = 2n * BigInt(creditedPaise) * BigInt(refundedPaise) + BigInt(purchasePaise);
  return Number(twice / (2n * BigInt(purchasePaise)));
}

/**
 * The reversal a refund writes: what the refunds so far take back in all (the rounded cumulative
 * proportion), less what earlier refunds already took. Rounding each refund on its own would let the errors
 * add up; this way what is reversed is, after every refund, exactly the rounded proportion of what was
 * refunded, and the refund that completes the purchase takes exactly what remains. Never negative, never
 * more than remains (credits reversed before this rule, by rounding each refund alone, may be ahead of it).
 */
export function reversalFor(facts: ReversalFacts): number {
  const target = reversedByNow(facts.creditedPaise, facts.refundedAfterPaise, facts.purchasePaise);
  const remaining = facts.creditedPaise - facts.reversedPaise;
  return Math.min(Math.max(0, target - facts.reversedPaise), remaining);
}
