import { reversalFor } from './refund-rules';

describe(reversalFor.name, () => {
  const credit = { creditedPaise: 7_500, reversedPaise: 0, purchasePaise: 150_000 };

  it('takes back everything on a full refund', () => {
    expect(reversalFor({ ...credit, refundPaise: 150_000, refundedAfterPaise: 150_000 })).toBe(7_500);
  });

  it('takes back a proportional share, rounded half up', () => {
    // 7500 × 50000 / 150000 = 2500 exactly; 1001 × 1 / 3 = 333.67 → 334; 1001 × 1 / 6 = 166.83 → 167.
    expect(reversalFor({ ...credit, refundPaise: 50_000, refundedAfterPaise: 50_000 })).toBe(2_500);
    expect(
      reversalFor({ creditedPaise: 1_001, reversedPaise: 0, purchasePaise: 3, refundPaise: 1, refundedAfterPaise: 1 }),
    ).toBe(334);
    expect(
      reversalFor({ creditedPaise: 3, reversedPaise: 0, purchasePaise: 2, refundPaise: 1, refundedAfterPaise: 1 }),
    ).toBe(2); // 1.5 → 2
  });

  it('makes the last of several refunds take exactly what remains', () => {
    const first = reversalFor({
      creditedPaise: 1_001,
      reversedPaise: 0,
      purchasePaise: 3,
      refundPaise: 1,
      refundedAfterPaise: 1,
    });
    const second = reversalFor({
      creditedPaise: 1_001,
      reversedPaise: first,
      purchasePaise: 3,
      refundPaise: 1,
      refundedAfterPaise: 2,
    });
    const last = reversalFor({
      creditedPaise: 1_001,
      reversedPaise: first + second,
      purchasePaise: 3,
      refundPaise: 1,
      refundedAfterPaise: 3,
    });
    expect([first, second, last]).toEqual([334, 334, 333]);
    expect(first + second + last).toBe(1_001);
  });

  it('stays exact where the product passes 2^53', () => {
    const huge = { creditedPaise: 100_000, reversedPaise: 0, purchasePaise: 100_000_000_000 };
    expect(reversalFor({ ...huge, refundPaise: 33_333_333_333, refundedAfterPaise: 33_333_333_333 })).toBe(33_333);
  });

  it('never takes back more than remains', () => {
    expect(reversalFor({ ...credit, reversedPaise: 7_499, refundPaise: 75_000, refundedAfterPaise: 75_000 })).toBe(1);
  });
});
