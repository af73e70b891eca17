import type { ApiClient } from './api-client';

export interface Family {
  grandparent: number;
  parent: number;
  buyer: number;
}

/** A chain grandparent → parent → buyer: a purchase by the buyer pays the parent (level 1) and grandparent (level 2). */
export async function createFamily(api: ApiClient): Promise<Family> {
  const grandparent = await api.createUser('Grandparent');
  const parent = await api.createUser('Parent');
  const buyer = await api.createUser('Buyer');
  await api.refer(grandparent, parent);
  await api.refer(parent, buyer);
  return { grandparent, parent, buyer };
}

/**
 * Sends a ₹1000 purchase with an Idempotency-Key and retries it on 503, as a careful client does after a fault;
 * returns its purchase id and how many tries it took. Anything but 201 or 503 fails the test.
 */
export async function purchaseUntilAccepted(
  api: ApiClient,
  buyerId: number,
  key: string,
): Promise<{ purchaseId: number; attempts: number }> {
  for (let attempt = 1; attempt <= 200; attempt++) {
    const response = await api.post(
      '/purchase',
      { buyer_id: buyerId, amount: 1000 },
      { headers: { 'Idempotency-Key': key } },
    );
    if (response.status === 201) {
      return { purchaseId: (response.body as { purchase_id: number }).purchase_id, attempts: attempt };
    }
    expect(response.status).toBe(503);
    expect((response.body as { code: string }).code).toBe('SERVICE.UNAVAILABLE');
    // A 503 for "no responders" comes back at once; pausing lets a restart on a loaded machine finish in time.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`purchase ${key} was never accepted`);
}
