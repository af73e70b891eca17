import fc from 'fast-check';
import { reversalFor } from './refund-rules';

/** A purchase, what it credited one user (possibly capped to little, or nothing), and refunds that fit it. */
const scenario = fc
  .record({
    purchasePaise: fc.integer({ min: 1, max: 100_000_000_000 }),
    creditedPaise: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100_000 })),
    cuts: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 40 }),
    complete: fc.boolean(),
  })
  .map(({ purchasePaise, creditedPaise, cuts, complete }) => {
    const weights = cuts.reduce((sum, cut) => sum + cut, 0);
    const refunds = cuts.map((cut) => Math.max(1, Math.floor((purchasePaise * cut) / weights / 2)));
    const used = refunds.reduce((sum, refund) => sum + refund, 0);
    if (complete || used > purchasePaise) {
      refunds.push(Math.max(0, purchasePaise - used));
    }
    return { purchasePaise, creditedPaise, refunds: refunds.filter((refund) => refund > 0) };
  })
  .filter(({ purchasePaise, refunds }) => refunds.reduce((sum, refund) => sum + refund, 0) <= purchasePaise);

/** The rounded proportion of a credit that `refunded` of `purchase` stands for, computed independently. */
const roundedProportion = (credited: number, refunded: number, purchase: number): number =>
  Number((BigInt(credited) * BigInt(refunded) * 2n + BigInt(purchase)) / (2n * BigInt(purchase)));

describe('refund reversals, for any sequence of refunds', () => {
  it('reverse exactly the rounded cumulative proportion after every refund, and all of it at the end', () => {
    fc.assert(
      fc.property(scenario, ({ purchasePaise, creditedPaise, refunds }) => {
        let reversedPaise = 0;
        let refundedAfterPaise = 0;
        for (const refundPaise of refunds) {
          refundedAfterPaise += refundPaise;
          const reversal = reversalFor({ creditedPaise, reversedPaise, purchasePaise, refundedAfterPaise });
          expect(reversal).toBeGreaterThanOrEqual(0);
          reversedPaise += reversal;
          expect(reversedPaise).toBe(roundedProportion(creditedPaise, refundedAfterPaise, purchasePaise));
          expect(reversedPaise).toBeLessThanOrEqual(creditedPaise);
        }
        if (refundedAfterPaise === purchasePaise) {
          expect(reversedPaise).toBe(creditedPaise);
        }
      }),
    );
  });
});
