import { purchaseUntilAccepted } from './support/fixtures';
import { startSystem, type System } from './support/system';

describe('A commissions instance killed while purchases flow', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem({ REQUEST_TIMEOUT_MS: '1000' });
  });
  afterAll(() => system?.stop());

  it('records every accepted purchase exactly once, retried 503s included', async () => {
    const { api } = system;
    // Ten referrers with one buyer each; 12 purchases of ₹1000 per buyer stay under the cap (12 × ₹50 < ₹1000).
    const pairs = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const referrer = await api.createUser(`Referrer ${i}`);
        const buyer = await api.createUser(`Buyer ${i}`);
        await api.refer(referrer, buyer);
        return { referrer, buyer };
      }),
    );
    const purchasesPerBuyer = 12;
    const keys = pairs.flatMap(({ buyer }) =>
      Array.from({ length: purchasesPerBuyer }, (_, n) => ({ buyer, key: `crash-${buyer}-${n}` })),
    );

    let saw503 = false;
    const results = new Map<string, number>();
    const worker = async (queue: typeof keys) => {
      for (const { buyer, key } of queue) {
        const { purchaseId, attempts } = await purchaseUntilAccepted(system.api, buyer, key);
        saw503 ||= attempts > 1;
        results.set(key, purchaseId);
      }
    };
    const queues = Array.from({ length: 6 }, (_, w) => keys.filter((_, i) => i % 6 === w));
    const flowing = Promise.all(queues.map(worker));

    await new Promise((resolve) => setTimeout(resolve, 150));
    await system.services.commissions.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 400));
    system.services.commissions.start();
    await flowing;

    expect(saw503).toBe(true);
    expect(results.size).toBe(keys.length);
    expect(new Set(results.values()).size).toBe(keys.length);

    // Replaying every key now returns the purchase it got the first time: nothing was recorded twice.
    for (const { buyer, key } of keys.slice(0, 20)) {
      const replay = await api.post(
        '/purchase',
        { buyer_id: buyer, amount: 1000 },
        { headers: { 'Idempotency-Key': key } },
      );
      expect(replay.body.purchase_id).toBe(results.get(key));
    }
    for (const { referrer, buyer } of pairs) {
      const earnings = (await api.get(`/earnings/${referrer}`)).body;
      expect(earnings.details).toHaveLength(purchasesPerBuyer);
      expect(earnings.total_earnings).toBe(50 * purchasesPerBuyer);
      const purchaseIds = keys.filter((k) => k.buyer === buyer).map((k) => results.get(k.key));
      expect(earnings.details.map((d: { purchase_id: number }) => d.purchase_id).sort()).toEqual(purchaseIds.sort());
    }
  });
});
