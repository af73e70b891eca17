import type { ApiClient } from './support/api-client';
import { createFamily } from './support/fixtures';
import { startSystem, type System } from './support/system';

const HOLD_SECONDS = 2;

interface Balance {
  user_id: number;
  pending: number;
  available: number;
  in_payout: number;
  paid: number;
  next_release_at: string | null;
  total_earnings: number;
}

interface Payout {
  payout_id: number;
  user_id: number;
  amount: number;
  status: string;
  created_at: string;
  paid_at: string | null;
  failure_reason: string | null;
}

const paise = (rupees: number): number => Math.round(rupees * 100);

/**
 * Holds, balances and payouts through the gateway, with a hold of two seconds: credits count at once, become
 * payable when their hold ends, and are paid out exactly once however many runs race for them.
 */
describe('Holds, balances and payouts', () => {
  let system: System;
  const api = () => system.api;

  beforeAll(async () => {
    system = await startSystem({ COMMISSION_HOLD_SECONDS: String(HOLD_SECONDS) });
  });
  afterAll(() => system?.stop());

  const buy = async (buyer: number, amount: number) => {
    const response = await api().post('/purchase', { buyer_id: buyer, amount });
    expect(response.status).toBe(201);
    return response.body as { purchase_id: number };
  };
  const balance = async (userId: number, client: ApiClient = api()) => {
    const response = await client.get<Balance>(`/balance/${userId}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const totalEarnings = async (userId: number) =>
    (await api().get(`/earnings/${userId}`)).body.total_earnings as number;
  const payOut = (userId?: number, key?: string) =>
    api().post<{ payouts: Payout[] }>('/payouts', userId === undefined ? {} : { user_id: userId }, {
      headers: key ? { 'Idempotency-Key': key } : {},
    });
  const released = () => new Promise((resolve) => setTimeout(resolve, HOLD_SECONDS * 1_000 + 100));

  /** pending + available + in_payout + paid = total_earnings, to the paisa, in one answer (one snapshot). */
  async function bucketsAddUp(userId: number): Promise<Balance> {
    const buckets = await balance(userId);
    expect(paise(buckets.pending) + paise(buckets.available) + paise(buckets.in_payout) + paise(buckets.paid)).toBe(
      paise(buckets.total_earnings),
    );
    return buckets;
  }

  /** The same, when nothing else is running: and the total is the one `/earnings` shows. */
  async function expectBucketsAddUp(userId: number): Promise<Balance> {
    const buckets = await bucketsAddUp(userId);
    expect(buckets.total_earnings).toBe(await totalEarnings(userId));
    return buckets;
  }

  it('holds a credit, then releases it with no job: pending first, available from release_at on', async () => {
    const { parent, buyer } = await createFamily(api());
    const before = Date.now();
    await buy(buyer, 4000); // parent earns 200
    const held = await expectBucketsAddUp(parent);
    expect(held).toMatchObject({ pending: 200, available: 0, in_payout: 0, paid: 0 });
    const releaseAt = Date.parse(held.next_release_at ?? '');
    expect(releaseAt).toBeGreaterThanOrEqual(before + HOLD_SECONDS * 1_000);
    expect((await payOut(parent)).body.payouts).toEqual([]); // nothing has cleared yet

    await released();
    expect(await expectBucketsAddUp(parent)).toMatchObject({ pending: 0, available: 200, next_release_at: null });
  });

  it('pays out exactly the available amount, and only to users who reach the ₹100 minimum', async () => {
    const { grandparent, parent, buyer } = await createFamily(api());
    await buy(buyer, 4000); // parent 200, grandparent 40 (below the minimum)
    await released();
    const response = await payOut();
    expect(response.status).toBe(201);
    const mine = response.body.payouts.filter((payout) => [parent, grandparent].includes(payout.user_id));
    expect(mine).toEqual([
      {
        payout_id: expect.any(Number),
        user_id: parent,
        amount: 200,
        status: 'processing',
        created_at: expect.stringMatching(/Z$/),
        paid_at: null,
        failure_reason: null,
      },
    ]);
    expect(await expectBucketsAddUp(parent)).toMatchObject({ available: 0, in_payout: 200 });
    expect(await expectBucketsAddUp(grandparent)).toMatchObject({ available: 40, in_payout: 0 });
  });

  it('never puts one credit in two payouts: 8 concurrent runs pay each user once', async () => {
    const families = await Promise.all(Array.from({ length: 3 }, () => createFamily(api())));
    for (const { buyer } of families) {
      await buy(buyer, 3000); // each parent earns 150
    }
    await released();
    const runs = await Promise.all(Array.from({ length: 8 }, () => payOut()));
    expect(runs.map((run) => run.status)).toEqual(Array(8).fill(201));
    const paidTo = runs.flatMap((run) => run.body.payouts.map((payout) => payout.user_id));
    for (const { parent } of families) {
      expect(paidTo.filter((userId) => userId === parent)).toHaveLength(1);
      expect(await expectBucketsAddUp(parent)).toMatchObject({ available: 0, in_payout: 150 });
    }
  });

  it('replays a run with the same Idempotency-Key, and refuses the key for another user (409)', async () => {
    const { parent, buyer } = await createFamily(api());
    await buy(buyer, 2000);
    await released();
    const first = await payOut(parent, 'payout-run-1');
    const again = await payOut(parent, 'payout-run-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(first.body.payouts).toHaveLength(1);
    const other = await payOut(parent + 1, 'payout-run-1');
    expect(other.status).toBe(409);
    expect((other.body as unknown as { code: string }).code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('completes and fails once: repeats answer the payout unchanged, the other way is 409', async () => {
    const families = await Promise.all([createFamily(api()), createFamily(api())]);
    for (const { buyer } of families) {
      await buy(buyer, 2000);
    }
    await released();
    const [toPay, toFail] = await Promise.all(
      families.map(async ({ parent }) => (await payOut(parent)).body.payouts[0]),
    );

    const paid = await api().post<Payout>(`/payouts/${toPay.payout_id}/complete`);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paid_at: expect.stringMatching(/Z$/) });
    expect((await api().post(`/payouts/${toPay.payout_id}/complete`)).body).toEqual(paid.body);
    const cannotFail = await api().post(`/payouts/${toPay.payout_id}/fail`, { reason: 'late' });
    expect(cannotFail.status).toBe(409);
    expect(cannotFail.body.code).toBe('PAYOUT.NOT_PROCESSING');
    expect(await expectBucketsAddUp(families[0].parent)).toMatchObject({ paid: 100, in_payout: 0, available: 0 });

    const failed = await api().post<Payout>(`/payouts/${toFail.payout_id}/fail`, { reason: 'Account closed' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', failure_reason: 'Account closed', paid_at: null });
    expect((await api().post(`/payouts/${toFail.payout_id}/fail`, { reason: 'again' })).body).toEqual(failed.body);
    expect((await api().post(`/payouts/${toFail.payout_id}/complete`)).status).toBe(409);
    // The failed amount is available again, and the next run pays it.
    expect(await expectBucketsAddUp(families[1].parent)).toMatchObject({ available: 100, in_payout: 0 });
    expect((await payOut(families[1].parent)).body.payouts[0]).toMatchObject({ amount: 100, status: 'processing' });
  });

  it('claws back a refund after payout: available goes negative and the next payout is netted', async () => {
    const { parent, buyer } = await createFamily(api());
    const first = await buy(buyer, 4000); // 200
    await released();
    const payout = (await payOut(parent)).body.payouts[0];
    await api().post(`/payouts/${payout.payout_id}/complete`);

    const refund = await api().post(`/purchase/${first.purchase_id}/refund`, { amount: 2000 }); // takes back 100
    expect(refund.status).toBe(201);
    expect(await expectBucketsAddUp(parent)).toMatchObject({ paid: 200, available: -100, pending: 0 });
    expect((await payOut(parent)).body.payouts).toEqual([]); // negative: nothing to pay

    await buy(buyer, 5000); // 250 more, on hold
    expect(await expectBucketsAddUp(parent)).toMatchObject({ pending: 250, available: -100 });
    await released();
    const netted = (await payOut(parent)).body.payouts;
    expect(netted).toEqual([expect.objectContaining({ user_id: parent, amount: 150 })]);
    expect(await expectBucketsAddUp(parent)).toMatchObject({ available: 0, in_payout: 150, paid: 200 });
  });

  it('shrinks a held credit when it is refunded before release', async () => {
    const { parent, buyer } = await createFamily(api());
    const purchase = await buy(buyer, 4000);
    await api().post(`/purchase/${purchase.purchase_id}/refund`, { amount: 1000 });
    expect(await expectBucketsAddUp(parent)).toMatchObject({ pending: 150, available: 0 });
  });

  it('lists payouts newest first with a cursor, and exports them as CSV', async () => {
    const { parent, buyer } = await createFamily(api());
    await buy(buyer, 2000);
    await released();
    const payout = (await payOut(parent)).body.payouts[0];
    const page = await api().get<{ payouts: Payout[]; next_cursor: number | null }>('/payouts', {
      user_id: parent,
      limit: 1,
    });
    expect(page.body.payouts).toEqual([payout]);
    const all = await api().get<{ payouts: Payout[] }>('/payouts', { limit: 2, status: 'processing' });
    expect(all.body.payouts.every((entry) => entry.status === 'processing')).toBe(true);
    const ids = all.body.payouts.map((entry) => entry.payout_id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const csv = await fetch(`${api().baseUrl}/payouts/export.csv?status=processing`, {
      headers: { authorization: `Bearer ${system.adminKey}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('payout_id,user_id,name,amount,status,created_at,paid_at');
    expect(lines).toContain(`${payout.payout_id},${parent},"Parent",100.00,processing,${payout.created_at},`);
  });

  it('lets a user token read its own balance and payouts only, and refuses writes (401/403/404/400)', async () => {
    const { parent, buyer } = await createFamily(api());
    await buy(buyer, 2000);
    await released();
    const payout = (await payOut(parent)).body.payouts[0];
    const token = (await api().post<{ token: string }>(`/user/${parent}/token`)).body.token;
    const user = api().as(token);

    expect((await user.get(`/balance/${parent}`)).status).toBe(200);
    expect((await user.get(`/payouts/${payout.payout_id}`)).body).toEqual(payout);
    expect((await user.get('/payouts')).body.payouts).toEqual([payout]);
    expect((await user.get(`/balance/${buyer}`)).status).toBe(403);
    expect((await user.get('/payouts', { user_id: buyer })).status).toBe(403);
    expect((await user.post('/payouts')).status).toBe(403);
    expect((await user.post(`/payouts/${payout.payout_id}/complete`)).status).toBe(403);
    expect((await user.get('/payouts/export.csv')).status).toBe(403);

    const anonymous = api().as(undefined);
    expect((await anonymous.get(`/balance/${parent}`)).status).toBe(401);
    expect((await anonymous.post('/payouts')).status).toBe(401);

    expect((await api().get('/balance/999999')).body.code).toBe('USER.NOT_FOUND');
    expect((await api().get('/payouts/999999')).body.code).toBe('PAYOUT.NOT_FOUND');
    expect((await api().post('/payouts/999999/complete')).status).toBe(404);
    expect((await api().post('/payouts', { user_id: 999_999 })).body.code).toBe('USER.NOT_FOUND');
    for (const bad of [
      api().get('/balance/abc'),
      api().get('/payouts/0'),
      api().post('/payouts', { user_id: '1.5' }),
      api().get('/payouts', { status: 'lost' }),
      api().get('/payouts', { limit: 101 }),
    ]) {
      const response = await bad;
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION.FAILED');
    }
  });

  it('keeps the buckets adding up while purchases, refunds and payout runs race', async () => {
    const { parent, buyer } = await createFamily(api());
    const purchases = await Promise.all(Array.from({ length: 6 }, () => buy(buyer, 2500)));
    await released();
    const work = [
      ...purchases
        .slice(0, 3)
        .map((purchase) => api().post(`/purchase/${purchase.purchase_id}/refund`, { amount: 700 })),
      payOut(parent),
      payOut(parent),
      // Small enough to stay under the parent's cap in any order: with the cap in reach, how much the race's
      // purchases pay would depend on whether the refunds gave cap room back before them.
      ...Array.from({ length: 3 }, () => api().post('/purchase', { buyer_id: buyer, amount: 1499.99 })),
    ];
    const checks = Array.from({ length: 5 }, () => bucketsAddUp(parent));
    const answers = await Promise.all(work);
    await Promise.all(checks);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 201]);
    const after = await expectBucketsAddUp(parent);
    // Each refund of ₹700 of ₹2500 takes back 35 of its 125; ₹1499.99 pays 74.9995, half-up 75.00; payouts took
    // what had cleared, exactly once.
    expect(paise(after.total_earnings)).toBe(6 * 12_500 - 3 * 3_500 + 3 * 7_500);
  });
});
