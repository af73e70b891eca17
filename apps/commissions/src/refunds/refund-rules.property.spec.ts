import fc from 'fast-check';
import { reversalFor } from './refund-rules';

/** A purchase, what it credited one user, and refunds that never add up to more than the purchase. */
const scenario = fc
  .record({
    purchasePaise: fc.integer({ min: 1, max: 100_000_000_000 }),
    creditedPaise: fc.integer({ min: 0, max: 100_000 }),
    cuts: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
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

describe('refund reversals, for any sequence of refunds', () => {
  it('never take back more than was credited, and take back all of it when the purchase is fully refunded', () => {
    fc.assert(
      fc.property(scenario, ({ purchasePaise, creditedPaise, refunds }) => {
        let reversedPaise = 0;
        let refundedAfterPaise = 0;
        for (const refundPaise of refunds) {
          refundedAfterPaise += refundPaise;
          const reversal = reversalFor({
            creditedPaise,
            reversedPaise,
            purchasePaise,
            refundPaise,
            refundedAfterPaise,
          });
          expect(reversal).toBeGreaterThanOrEqual(0);
          reversedPaise += reversal;
          expect(reversedPaise).toBeLessThanOrEqual(creditedPaise);
        }
        if (refundedAfterPaise === purchasePaise) {
          expect(reversedPaise).toBe(creditedPaise);
        }
      }),
    );
  });

  it('takes back a proportional share rounded half up for a refund that does not complete the purchase', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 100_000_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (purchasePaise, creditedPaise, fraction) => {
          const refundPaise = Math.min(purchasePaise - 1, Math.max(1, Math.floor(purchasePaise * fraction)));
          const reversal = reversalFor({
            creditedPaise,
            reversedPaise: 0,
            purchasePaise,
            refundPaise,
            refundedAfterPaise: refundPaise,
          });
          const twice = 2n * BigInt(creditedPaise) * BigInt(refundPaise);
          const expected = (twice + BigInt(purchasePaise)) / (2n * BigInt(purchasePaise));
          expect(BigInt(reversal)).toBe(expected);
        },
      ),
    );
  });
});
