import { reversalFor, reversedByNow } from './refund-rules';

describe(reversalFor.name, () => {
  const credit = { creditedPaise: 7_500, reversedPaise: 0, purchasePaise: 150_000 };

  it('takes back everything on a full refund', () => {
    expect(reversalFor({ ...credit, refundedAfterPaise: 150_000 })).toBe(7_500);
  });

  it('takes back a proportional share, rounded half up', () => {
    // 7500 × 50000 / 150000 = 2500 exactly; 1001 × 1 / 3 = 333.67 → 334; 3 × 1 / 2 = 1.5 → 2.
    expect(reversalFor({ ...credit, refundedAfterPaise: 50_000 })).toBe(2_500);
    expect(reversalFor({ creditedPaise: 1_001, reversedPaise: 0, purchasePaise: 3, refundedAfterPaise: 1 })).toBe(334);
    expect(reversalFor({ creditedPaise: 3, reversedPaise: 0, purchasePaise: 2, refundedAfterPaise: 1 })).toBe(2);
  });

  it('makes the last of several refunds take exactly what remains', () => {
    const facts = { creditedPaise: 1_001, purchasePaise: 3 };
    const first = reversalFor({ ...facts, reversedPaise: 0, refundedAfterPaise: 1 });
    const second = reversalFor({ ...facts, reversedPaise: first, refundedAfterPaise: 2 });
    const last = reversalFor({ ...facts, reversedPaise: first + second, refundedAfterPaise: 3 });
    // 333.67 → 334, then 667.33 → 667 in all, then 1001.
    expect([first, second, last]).toEqual([334, 333, 334]);
    expect(first + second + last).toBe(1_001);
  });

  it('does not drift over many small refunds: 100 refunds of ₹0.49 on ₹1000 leave 47.55 and 9.51', () => {
    const reverseAll = (creditedPaise: number) => {
      let reversedPaise = 0;
      for (let refund = 1; refund <= 100; refund++) {
        reversedPaise += reversalFor({
          creditedPaise,
          reversedPaise,
          purchasePaise: 100_000,
          refundedAfterPaise: 49 * refund,
        });
      }
      return creditedPaise - reversedPaise;
    };
    expect(reverseAll(5_000)).toBe(4_755);
    expect(reverseAll(1_000)).toBe(951);
  });

  it('stays exact where the product passes 2^53', () => {
    const huge = { creditedPaise: 100_000, reversedPaise: 0, purchasePaise: 100_000_000_000 };
    expect(reversalFor({ ...huge, refundedAfterPaise: 33_333_333_333 })).toBe(33_333);
    expect(reversedByNow(100_000, 33_333_333_333, 100_000_000_000)).toBe(33_333);
  });

  it('never takes back more than remains, nor a negative amount, from a credit reversed ahead of the rule', () => {
    expect(reversalFor({ ...credit, reversedPaise: 7_499, refundedAfterPaise: 150_000 })).toBe(1);
    expect(reversalFor({ ...credit, reversedPaise: 4_000, refundedAfterPaise: 75_000 })).toBe(0);
  });
});
