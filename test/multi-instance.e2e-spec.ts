import { createFamily } from './support/fixtures';
import { startSystem, type System } from './support/system';

/**
 * Scale-out: two processes each of referrals and commissions on PostgreSQL, sharing work through NATS queue
 * groups. Every rule of SPEC.md that concurrency could break must still hold.
 */
describe('Two instances of each service on PostgreSQL', () => {
  let system: System;
  const api = () => system.api;

  beforeAll(async () => {
    system = await startSystem(
      { REQUEST_TIMEOUT_MS: '2000', COMMISSION_HOLD_SECONDS: '0' },
      { database: 'postgres', instances: { referrals: 2, commissions: 2 } },
    );
  });
  afterAll(() => system?.stop());

  const family = () => createFamily(api());

  it('runs two processes of each NATS-only service', () => {
    const running = system.processes.filter((process) => process.running).map((process) => process.name);
    expect(running.filter((name) => name === 'referrals')).toHaveLength(2);
    expect(running.filter((name) => name === 'commissions')).toHaveLength(2);
  });

  it('keeps the 8-referral limit: 16 concurrent refers give exactly 8', async () => {
    const referrer = await api().createUser('Popular');
    const users = await Promise.all(Array.from({ length: 16 }, (_, i) => api().createUser(`C${i}`)));
    const responses = await Promise.all(
      users.map((user) => api().post('/refer', { referrer_id: referrer, user_id: user })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(8);
    expect(responses.filter((r) => r.body.code === 'REFERRAL.LIMIT_REACHED')).toHaveLength(8);
  });

  it('refuses a cycle made by two concurrent refers in opposite directions', async () => {
    const [a, b] = [await api().createUser('A'), await api().createUser('B')];
    const responses = await Promise.all([
      api().post('/refer', { referrer_id: a, user_id: b }),
      api().post('/refer', { referrer_id: b, user_id: a }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('keeps the cap exact under 40 concurrent purchases', async () => {
    const { grandparent, parent, buyer } = await family();
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => api().post('/purchase', { buyer_id: buyer, amount: 1500 })),
    );
    expect(responses.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    expect((await api().get(`/earnings/${parent}`)).body.earnings_by_level).toEqual({ '1': 1000, '2': 0 });
    expect((await api().get(`/earnings/${grandparent}`)).body.earnings_by_level).toEqual({ '1': 0, '2': 600 });
  });

  it('makes concurrent duplicates of one Idempotency-Key one purchase across instances', async () => {
    const { parent, buyer } = await family();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        api().post(
          '/purchase',
          { buyer_id: buyer, amount: 1500 },
          { headers: { 'Idempotency-Key': `multi-${buyer}` } },
        ),
      ),
    );
    expect(responses.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    expect(new Set(responses.map((r) => r.body.purchase_id)).size).toBe(1);
    expect((await api().get(`/earnings/${parent}`)).body.details).toHaveLength(1);
  });

  it('never lets concurrent refunds exceed the purchase', async () => {
    const { parent, buyer } = await family();
    const purchase = (await api().post('/purchase', { buyer_id: buyer, amount: 2000 })).body;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api().post(`/purchase/${purchase.purchase_id}/refund`, { amount: 300 })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(6);
    expect((await api().get(`/earnings/${parent}`)).body.total_earnings).toBe(10);
  });

  it('keeps serving when one commissions instance is killed', async () => {
    const { parent, buyer } = await family();
    const survivor = system.processes.filter((process) => process.name === 'commissions')[1];
    await system.services.commissions.stop('SIGKILL');
    expect(survivor.running).toBe(true);
    for (let i = 0; i < 5; i++) {
      const response = await api().post(
        '/purchase',
        { buyer_id: buyer, amount: 1000 },
        { headers: { 'Idempotency-Key': `k-${buyer}-${i}` } },
      );
      // A request already routed to the dead instance times out; the client retries with its key.
      if (response.status === 503) {
        i--;
        continue;
      }
      expect(response.status).toBe(201);
    }
    expect((await api().get(`/earnings/${parent}`)).body.details).toHaveLength(5);
  });

  it('never puts one credit in two payouts across two commissions instances', async () => {
    const families = await Promise.all(Array.from({ length: 4 }, () => family()));
    for (const { buyer } of families) {
      expect((await api().post('/purchase', { buyer_id: buyer, amount: 3000 })).status).toBe(201);
    }
    // The hold is 0 here (below): credits are payable at once. Runs spread over both instances by the queue group.
    const runs = await Promise.all(Array.from({ length: 8 }, () => api().post('/payouts')));
    expect(runs.map((run) => run.status)).toEqual(Array(8).fill(201));
    const paidTo = runs.flatMap((run) => (run.body.payouts as { user_id: number }[]).map((payout) => payout.user_id));
    for (const { parent } of families) {
      expect(paidTo.filter((userId) => userId === parent)).toHaveLength(1);
      expect((await api().get(`/balance/${parent}`)).body).toMatchObject({ available: 0, in_payout: 150, paid: 0 });
    }
  });
});
