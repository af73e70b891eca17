import {
  PayoutStatus,
  RequestSubject,
  type Earning,
  type EarningsSummary,
  type RequestOf,
  type ResponseOf,
} from '@app/contracts';
import fc from 'fast-check';
import { joinMembers, type ServiceHarness } from '@app/testing';
import { startCommissions, type CommissionsUnderTest } from './commissions-harness';

const CAP_PAISE = 100_000;

/** The rounded proportion of a credit that `refunded` of `purchase` stands for, computed apart from the service. */
const roundedProportion = (credited: number, refunded: number, purchase: number): number =>
  Number((BigInt(credited) * BigInt(refunded) * 2n + BigInt(purchase)) / (2n * BigInt(purchase)));

/**
 * One scenario: a chain of two referrers (either may be inactive), earlier purchases that may bring the
 * referrers near or to their cap (so that the purchase under test is credited in full, capped, or not at
 * all), then a purchase of an odd amount and a sequence of partial refunds, optionally ending with "the rest".
 */
const scenario = fc.record({
  level1Active: fc.boolean(),
  level2Active: fc.boolean(),
  earlierPurchasesPaise: fc.array(fc.integer({ min: 100_000, max: 2_000_000 }), { maxLength: 3 }),
  purchasePaise: fc.integer({ min: 100_000, max: 5_000_000 }),
  refundWeights: fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 6 }),
  refundShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
  endWithRest: fc.boolean(),
});

describe.each(['sqlite', 'postgres'] as const)('the ledger, for any sequence of partial refunds (%s)', (database) => {
  let harness: ServiceHarness;
  let commissions: CommissionsUnderTest;
  const request = <S extends RequestSubject>(subject: S, payload: RequestOf<S>): Promise<ResponseOf<S>> =>
    harness.client.request(subject, payload);

  beforeAll(async () => {
    // Payable at once, so that payout runs have something to claim; the hold's clock is a system test's.
    commissions = await startCommissions(database, { COMMISSION_HOLD_SECONDS: 0 });
    harness = commissions.harness;
  });
  afterAll(() => commissions?.stop());

  let lastId = 0;
  let lastKey = 0;
  const summary = (userId: number): Promise<EarningsSummary> =>
    request(RequestSubject.GetEarnings, { userId, limit: 1000 });
  const creditsOf = (earnings: Earning[], purchaseId: number) =>
    earnings.filter((earning) => earning.purchaseId === purchaseId && earning.refundId === null);

  it('reverses exactly the rounded cumulative proportion after every refund, and moves balance and cap room by it', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const [level2, level1, buyer] = [++lastId, ++lastId, ++lastId];
        await joinMembers(harness.client, [
          { userId: level2, isActive: s.level2Active },
          { userId: level1, referredBy: level2, isActive: s.level1Active },
          { userId: buyer, referredBy: level1 },
        ]);
        for (const amountPaise of s.earlierPurchasesPaise) {
          await request(RequestSubject.RecordPurchase, { purchaseKey: `k${++lastKey}`, buyerId: buyer, amountPaise });
        }
        const before = await Promise.all([summary(level1), summary(level2)]);
        const purchase = await request(RequestSubject.RecordPurchase, {
          purchaseKey: `k${++lastKey}`,
          buyerId: buyer,
          amountPaise: s.purchasePaise,
        });
        const paid = purchase.commissions.map((commission) => commission.amountPaise);

        const weights = s.refundWeights.reduce((sum, weight) => sum + weight, 0);
        const budget = Math.max(1, Math.floor(s.purchasePaise * s.refundShare));
        const refunds = s.refundWeights
          .map((weight) => Math.floor((budget * weight) / weights))
          .filter((refund) => refund > 0);
        let refundedPaise = 0;
        const leavesRest = refunds.reduce((sum, refund) => sum + refund, 0) < s.purchasePaise;
        const endWithRest = s.endWithRest && leavesRest;
        const steps: (number | undefined)[] = [...refunds, ...(endWithRest ? [undefined] : [])];
        for (const amountPaise of steps) {
          const refund = await request(RequestSubject.RefundPurchase, {
            refundKey: `k${++lastKey}`,
            purchaseId: purchase.purchaseId,
            ...(amountPaise === undefined ? {} : { amountPaise }),
          });
          refundedPaise = refund.refundedTotalPaise;
          const after = await Promise.all([summary(level1), summary(level2)]);
          for (const [index, level] of [1, 2].entries()) {
            const creditedPaise = paid[index] ?? 0;
            const reversedPaise = roundedProportion(creditedPaise, refundedPaise, s.purchasePaise);
            // What the purchase's credit is worth now: the credit less everything its reversals took back.
            const net = after[index].details
              .filter((earning) => earning.purchaseId === purchase.purchaseId)
              .reduce((sum, earning) => sum + earning.amountPaise, 0);
            expect(net).toBe(creditedPaise - reversedPaise);
            expect(creditsOf(after[index].details, purchase.purchaseId)).toHaveLength(creditedPaise > 0 ? 1 : 0);
            // The balance and the room under the cap move by exactly what was reversed.
            const earnedBefore = before[index].byLevelPaise[level];
            expect(after[index].byLevelPaise[level]).toBe(earnedBefore + creditedPaise - reversedPaise);
            expect(after[index].capRemainingPaise[level]).toBe(
              Math.max(0, CAP_PAISE - (earnedBefore + creditedPaise - reversedPaise)),
            );
            expect(after[index].totalPaise).toBe(before[index].totalPaise + creditedPaise - reversedPaise);
          }
        }
        if (endWithRest) {
          expect(refundedPaise).toBe(s.purchasePaise);
        }
      }),
      { numRuns: 25 },
    );
  });

  /** One step of a random history: a purchase, a refund, a payout run, or a payout completed or failed. */
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('purchase' as const),
      buyer: fc.nat(3),
      amountPaise: fc.integer({ min: 100_000, max: 3_000_000 }),
    }),
    fc.record({
      kind: fc.constant('refund' as const),
      pick: fc.nat(),
      share: fc.double({ min: 0.01, max: 1, noNaN: true }),
    }),
    fc.record({ kind: fc.constant('payout' as const), everyone: fc.boolean(), pick: fc.nat() }),
    fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(), complete: fc.boolean() }),
  );

  it('keeps pending + available + in payout + paid equal to the total, and each payout equal to what it claimed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        // Four buyers under one referrer under one grand-referrer: every credit lands on those two.
        const [top, referrer] = [++lastId, ++lastId];
        const buyers = [++lastId, ++lastId, ++lastId, ++lastId];
        await joinMembers(harness.client, [
          { userId: top },
          { userId: referrer, referredBy: top },
          ...buyers.map((buyer) => ({ userId: buyer, referredBy: referrer })),
        ]);
        const purchases: { purchaseId: number; amountPaise: number; refundedPaise: number }[] = [];
        const payouts: number[] = [];
        for (const action of steps) {
          if (action.kind === 'purchase') {
            const purchase = await request(RequestSubject.RecordPurchase, {
              purchaseKey: `k${++lastKey}`,
              buyerId: buyers[action.buyer],
              amountPaise: action.amountPaise,
            });
            purchases.push({ purchaseId: purchase.purchaseId, amountPaise: action.amountPaise, refundedPaise: 0 });
          } else if (action.kind === 'refund' && purchases.length > 0) {
            const purchase = purchases[action.pick % purchases.length];
            const left = purchase.amountPaise - purchase.refundedPaise;
            const amountPaise = Math.max(1, Math.floor(left * action.share));
            if (left > 0) {
              await request(RequestSubject.RefundPurchase, {
                refundKey: `k${++lastKey}`,
                purchaseId: purchase.purchaseId,
                amountPaise,
              });
              purchase.refundedPaise += amountPaise;
            }
          } else if (action.kind === 'payout') {
            const userId = action.everyone ? undefined : [referrer, top][action.pick % 2];
            const { payouts: made } = await request(RequestSubject.CreatePayouts, { runKey: `k${++lastKey}`, userId });
            payouts.push(
              ...made.filter((payout) => [referrer, top].includes(payout.userId)).map((payout) => payout.payoutId),
            );
          } else if (action.kind === 'settle' && payouts.length > 0) {
            const payoutId = payouts[action.pick % payouts.length];
            const settle = action.complete
              ? request(RequestSubject.CompletePayout, { payoutId })
              : request(RequestSubject.FailPayout, { payoutId, reason: 'test' });
            await settle.catch((error: { code?: string }) => expect(error.code).toBe('PAYOUT.NOT_PROCESSING'));
          }
          for (const userId of [referrer, top]) {
            const [balance, earnings, page] = await Promise.all([
              request(RequestSubject.GetBalance, { userId }),
              summary(userId),
              request(RequestSubject.ListPayouts, { userId, limit: 1000 }),
            ]);
            const { pendingPaise, availablePaise, inPayoutPaise, paidPaise } = balance;
            expect(pendingPaise).toBe(0); // no hold here
            expect(pendingPaise + availablePaise + inPayoutPaise + paidPaise).toBe(earnings.totalPaise);
            expect(balance.totalPaise).toBe(earnings.totalPaise);
            const sumOf = (status: PayoutStatus) =>
              page.payouts
                .filter((payout) => payout.status === status)
                .reduce((sum, payout) => sum + payout.amountPaise, 0);
            // Clawbacks after a payout lower `available`, never a payout's own bucket.
            expect(inPayoutPaise).toBe(sumOf(PayoutStatus.Processing));
            expect(paidPaise).toBe(sumOf(PayoutStatus.Paid));
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});
