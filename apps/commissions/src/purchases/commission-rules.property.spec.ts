import fc from 'fast-check';
import { CommissionStatus, MAX_LEVELS } from '@app/contracts';
import { assessPurchase, settleShare, type CommissionRules } from './commission-rules';

/** Any configuration SPEC.md allows: 1 to 5 levels, each with its own rate and cap. */
const anyRules: fc.Arbitrary<CommissionRules> = fc
  .array(
    fc.record({ rateBasisPoints: fc.integer({ min: 0, max: 10_000 }), capPaise: fc.integer({ min: 0, max: 200_000 }) }),
    {
      minLength: 1,
      maxLength: MAX_LEVELS,
    },
  )
  .map((levels) => ({
    levels: levels.map((level, index) => ({ level: index + 1, ...level })),
    qualifyingAmountPaise: 100_000,
  }));
const purchases = fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 60 });
const chain = Array.from({ length: MAX_LEVELS + 1 }, (_, index) => ({ id: 100 - index, isActive: true }));

describe('commission rules, for any configuration and any sequence of purchases', () => {
  it('never credits past a level cap, and pays exactly min(cap, sum of shares) at each level', () => {
    fc.assert(
      fc.property(anyRules, purchases, (rules, amounts) => {
        const earned = new Map<number, number>();
        const owed = new Map<number, number>();
        for (const amount of amounts) {
          for (const share of assessPurchase(amount, chain, rules).shares) {
            const paid = settleShare(share, earned.get(share.level) ?? 0);
            expect(paid.amountPaise).toBeGreaterThanOrEqual(0);
            expect(paid.amountPaise).toBeLessThanOrEqual(share.sharePaise);
            expect(paid.status === CommissionStatus.Capped).toBe(paid.amountPaise < share.sharePaise);
            earned.set(share.level, (earned.get(share.level) ?? 0) + paid.amountPaise);
            owed.set(share.level, (owed.get(share.level) ?? 0) + share.sharePaise);
            expect(earned.get(share.level)).toBeLessThanOrEqual(share.capPaise);
          }
        }
        for (const { level, capPaise } of rules.levels) {
          expect(earned.get(level) ?? 0).toBe(Math.min(capPaise, owed.get(level) ?? 0));
        }
      }),
    );
  });

  it('pays one share per configured level that has a recipient, none beyond, each round_half_up(amount × rate)', () => {
    fc.assert(
      fc.property(
        anyRules,
        fc.integer({ min: 1, max: 100_000_000_000 }),
        fc.nat({ max: MAX_LEVELS + 1 }),
        (rules, amount, depth) => {
          const { isValid, shares } = assessPurchase(amount, chain.slice(0, depth), rules);
          expect(isValid).toBe(amount >= rules.qualifyingAmountPaise);
          if (!isValid) {
            expect(shares).toEqual([]);
            return;
          }
          expect(shares.map((share) => share.level)).toEqual(rules.levels.slice(0, depth).map((level) => level.level));
          for (const share of shares) {
            const exact = (BigInt(amount) * BigInt(share.rateBasisPoints) * 2n + 10_000n) / 20_000n;
            expect(BigInt(share.sharePaise)).toBe(exact);
          }
        },
      ),
    );
  });

  it('pays an inactive recipient nothing, whatever they earned before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (earned, sharePaise) => {
          const paid = settleShare(
            { userId: 1, level: 1, isActive: false, rateBasisPoints: 500, sharePaise, capPaise: 100_000 },
            earned,
          );
          expect(paid).toMatchObject({ amountPaise: 0, status: CommissionStatus.Inactive });
        },
      ),
    );
  });
});
