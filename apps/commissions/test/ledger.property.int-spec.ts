import { RequestSubject, type Earning, type EarningsSummary, type RequestOf, type ResponseOf } from '@app/contracts';
import type { INestMicroservice } from '@nestjs/common';
import fc from 'fast-check';
import { createDatabases } from '../../../test/support/postgres';
import { startService, type ServiceHarness } from '../../../test/support/service-harness';
import { startStandIn } from '../../../test/support/stand-in-service';
import { AppModule } from '../src/app.module';
import { CommissionsConfig } from '../src/config';

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
  let referrals: INestMicroservice;
  let dropDatabase: (() => Promise<void>) | undefined;
  const upline = new Map<number, { id: number; isActive: boolean }[]>();
  const request = <S extends RequestSubject>(subject: S, payload: RequestOf<S>): Promise<ResponseOf<S>> =>
    harness.client.request(subject, payload);

  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (database === 'postgres') {
      const databases = await createDatabases(['commissions'] as const);
      databaseUrl = databases.urls.commissions;
      dropDatabase = () => databases.drop();
    }
    harness = await startService('commissions', (settings) =>
      AppModule.with(
        Object.assign(new CommissionsConfig(), {
          DATABASE_URL: databaseUrl ?? settings.databaseUrl,
          NATS_URL: settings.natsUrl,
        }),
      ),
    );
    referrals = await startStandIn(harness.nats.url, 'referrals', {
      [RequestSubject.GetUpline]: ({ userId }) => ({
        buyer: { id: userId, isActive: true },
        upline: upline.get(userId) ?? [],
      }),
    });
  });
  afterAll(async () => {
    await referrals?.close();
    await harness?.stop();
    await dropDatabase?.();
  });

  let lastId = 0;
  let lastKey = 0;
  const summary = (userId: number): Promise<EarningsSummary> => request(RequestSubject.GetEarnings, { userId });
  const creditsOf = (earnings: Earning[], purchaseId: number) =>
    earnings.filter((earning) => earning.purchaseId === purchaseId && earning.refundId === null);

  it('reverses exactly the rounded cumulative proportion after every refund, and moves balance and cap room by it', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const [level2, level1, buyer] = [++lastId, ++lastId, ++lastId];
        upline.set(buyer, [
          { id: level1, isActive: s.level1Active },
          { id: level2, isActive: s.level2Active },
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
});
