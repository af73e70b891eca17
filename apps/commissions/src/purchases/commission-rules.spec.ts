import { CommissionStatus } from '@app/contracts';
import { assessPurchase, creditUnderCap, settleShare, type CommissionRules, type Share } from './commission-rules';

const rules: CommissionRules = {
  levels: [
    { level: 1, rateBasisPoints: 500, capPaise: 100_000 },
    { level: 2, rateBasisPoints: 100, capPaise: 100_000 },
  ],
  qualifyingAmountPaise: 100_000,
};
const active = (id: number) => ({ id, isActive: true });

describe(assessPurchase.name, () => {
  it('pays 5% to level 1 and 1% to level 2 of ₹1500', () => {
    const assessment = assessPurchase(150_000, [active(2), active(1)], rules);
    expect(assessment.isValid).toBe(true);
    expect(assessment.shares).toEqual([
      { userId: 2, level: 1, isActive: true, rateBasisPoints: 500, sharePaise: 7_500, capPaise: 100_000 },
      { userId: 1, level: 2, isActive: true, rateBasisPoints: 100, sharePaise: 1_500, capPaise: 100_000 },
    ]);
  });

  it('rounds half up: ₹1001.30 pays 50.07 and 10.01', () => {
    const { shares } = assessPurchase(100_130, [active(2), active(1)], rules);
    expect(shares.map((share) => share.sharePaise)).toEqual([5_007, 1_001]);
  });

  it('qualifies at exactly ₹1000 and not at ₹999.99', () => {
    expect(assessPurchase(100_000, [active(2)], rules).isValid).toBe(true);
    const below = assessPurchase(99_999, [active(2)], rules);
    expect(below).toMatchObject({ isValid: false, shares: [] });
    expect(below.note).toMatch(/below/i);
  });

  it('pays nobody above the configured depth and nobody when there is no referrer', () => {
    expect(assessPurchase(150_000, [active(3), active(2), active(1)], rules).shares).toHaveLength(2);
    const orphan = assessPurchase(150_000, [], rules);
    expect(orphan).toMatchObject({ isValid: true, shares: [] });
    expect(orphan.note).toMatch(/no referrer/);
  });

  it('pays each configured level its own rate and cap: 5% / 1% / 0.5%, nothing at level 4', () => {
    const deeper: CommissionRules = {
      ...rules,
      levels: [...rules.levels, { level: 3, rateBasisPoints: 50, capPaise: 20_000 }],
    };
    const { shares } = assessPurchase(100_000, [active(4), active(3), active(2), active(1)], deeper);
    expect(shares.map(({ userId, level, sharePaise, capPaise }) => [userId, level, sharePaise, capPaise])).toEqual([
      [4, 1, 5_000, 100_000],
      [3, 2, 1_000, 100_000],
      [2, 3, 500, 20_000],
    ]);
  });

  it('keeps an inactive member in place so that level 2 still earns its own share', () => {
    const { shares } = assessPurchase(150_000, [{ id: 2, isActive: false }, active(1)], rules);
    expect(shares.map((share) => [share.level, share.isActive])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});

describe(settleShare.name, () => {
  const share: Share = {
    userId: 2,
    level: 1,
    isActive: true,
    rateBasisPoints: 500,
    sharePaise: 7_500,
    capPaise: 100_000,
  };

  it('credits in full when the cap has room', () => {
    expect(settleShare(share, 0)).toEqual({
      userId: 2,
      level: 1,
      amountPaise: 7_500,
      status: CommissionStatus.Credited,
      rateBasisPoints: 500,
      sharePaise: 7_500,
      recipientActive: true,
      capRoomBeforePaise: 100_000,
      capRoomAfterPaise: 92_500,
    });
    expect(settleShare(share, 92_500).status).toBe(CommissionStatus.Credited);
  });

  it('pays up to the cap and no further', () => {
    expect(settleShare(share, 95_000)).toMatchObject({
      amountPaise: 5_000,
      status: CommissionStatus.Capped,
      capRoomBeforePaise: 5_000,
      capRoomAfterPaise: 0,
    });
    expect(settleShare(share, 100_000)).toMatchObject({ amountPaise: 0, status: CommissionStatus.Capped });
  });

  it('pays an inactive recipient nothing, even at the cap', () => {
    expect(settleShare({ ...share, isActive: false }, 100_000)).toMatchObject({
      amountPaise: 0,
      status: CommissionStatus.Inactive,
    });
  });
});

describe(creditUnderCap.name, () => {
  it('lets nothing through past the cap, even when earnings are above it (a cap lowered later)', () => {
    expect(creditUnderCap(7_500, 99_000, 100_000)).toBe(1_000);
    expect(creditUnderCap(7_500, 120_000, 100_000)).toBe(0);
  });
});
