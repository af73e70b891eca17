import { startSystem, type System } from './support/system';

/** Retries a purchase with its Idempotency-Key until it is accepted, as a careful client would after a 503. */
async function purchaseUntilAccepted(system: System, buyerId: number, key: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await system.api.post(
      '/purchase',
      { buyer_id: buyerId, amount: 1000 },
      { headers: { 'Idempotency-Key': key } },
    );
    if (response.status === 201) {
      return { response, attempts: attempt + 1 };
    }
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('SERVICE.UNAVAILABLE');
    // A 503 for "no responders" comes back at once; pausing lets a restart on a loaded machine finish in time.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`purchase ${key} was never accepted`);
}

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
        const { response, attempts } = await purchaseUntilAccepted(system, buyer, key);
        saw503 ||= attempts > 1;
        results.set(key, response.body.purchase_id);
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
