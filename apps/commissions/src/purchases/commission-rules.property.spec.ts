import fc from 'fast-check';
import { CommissionStatus } from '@app/contracts';
import { assessPurchase, settleShare, type CommissionRules } from './commission-rules';

const rules: CommissionRules = {
  ratesBasisPoints: { 1: 500, 2: 100 },
  qualifyingAmountPaise: 100_000,
  capPerLevelPaise: 100_000,
};
const purchases = fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 60 });

describe('commission rules, for any sequence of purchases', () => {
  it('never credits past the cap, and pays exactly min(cap, sum of shares) at each level', () => {
    fc.assert(
      fc.property(purchases, (amounts) => {
        const earned = { 1: 0, 2: 0 };
        const owed = { 1: 0, 2: 0 };
        for (const amount of amounts) {
          for (const share of assessPurchase(
            amount,
            [
              { id: 2, isActive: true },
              { id: 1, isActive: true },
            ],
            rules,
          ).shares) {
            const paid = settleShare(share, earned[share.level], rules.capPerLevelPaise);
            expect(paid.amountPaise).toBeGreaterThanOrEqual(0);
            expect(paid.amountPaise).toBeLessThanOrEqual(share.sharePaise);
            expect(paid.status === CommissionStatus.Capped).toBe(paid.amountPaise < share.sharePaise);
            earned[share.level] += paid.amountPaise;
            owed[share.level] += share.sharePaise;
            expect(earned[share.level]).toBeLessThanOrEqual(rules.capPerLevelPaise);
          }
        }
        expect(earned[1]).toBe(Math.min(rules.capPerLevelPaise, owed[1]));
        expect(earned[2]).toBe(Math.min(rules.capPerLevelPaise, owed[2]));
      }),
    );
  });

  it('pays shares only on qualifying purchases, 5:1 between the levels up to rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000_000 }), (amount) => {
        const { isValid, shares } = assessPurchase(
          amount,
          [
            { id: 2, isActive: true },
            { id: 1, isActive: true },
          ],
          rules,
        );
        expect(isValid).toBe(amount >= rules.qualifyingAmountPaise);
        if (!isValid) {
          expect(shares).toEqual([]);
          return;
        }
        expect(Math.abs(shares[0].sharePaise - 5 * shares[1].sharePaise)).toBeLessThanOrEqual(3);
      }),
    );
  });

  it('pays an inactive recipient nothing, whatever they earned before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (earned, sharePaise) => {
          const paid = settleShare(
            { userId: 1, level: 1, isActive: false, rateBasisPoints: 500, sharePaise },
            earned,
            rules.capPerLevelPaise,
          );
          expect(paid).toMatchObject({ amountPaise: 0, status: CommissionStatus.Inactive });
        },
      ),
    );
  });
});
