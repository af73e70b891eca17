import { createFamily } from './support/fixtures';
import { startSystem, type System } from './support/system';

describe('Purchases and commissions (gateway → commissions → referrals)', () => {
  let system: System;
  const api = () => system.api;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  const family = () => createFamily(api());

  const purchase = (buyerId: number | string, amount: number | string, headers?: Record<string, string>) =>
    api().post('/purchase', { buyer_id: buyerId, amount }, { headers });

  const earnings = async (userId: number) => (await api().get(`/earnings/${userId}`)).body;

  it('pays 5% and 1% of ₹1500, in the exact shape of SPEC.md', async () => {
    const { grandparent, parent, buyer } = await family();
    const response = await purchase(buyer, 1500);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      purchase_id: expect.any(Number),
      buyer_id: buyer,
      amount: 1500,
      is_valid: true,
      note: expect.any(String),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      commissions: [
        { user_id: parent, level: 1, amount: 75, status: 'credited' },
        { user_id: grandparent, level: 2, amount: 15, status: 'credited' },
      ],
    });
    const parentEarnings = await earnings(parent);
    expect(parentEarnings).toEqual({
      user_id: parent,
      total_earnings: 75,
      earnings_by_level: { '1': 75, '2': 0 },
      cap_remaining: { '1': 925, '2': 1000 },
      details: [
        {
          earning_id: expect.any(Number),
          source_user_id: buyer,
          level: 1,
          amount: 75,
          purchase_id: response.body.purchase_id,
          timestamp: response.body.timestamp,
        },
      ],
    });
    expect((await earnings(grandparent)).earnings_by_level).toEqual({ '1': 0, '2': 15 });
  });

  it('rounds half up to the paisa: ₹1001.30 pays 50.07 and 10.01', async () => {
    const { buyer } = await family();
    const response = await purchase(buyer, '1001.30');
    expect(response.body.commissions.map((c: { amount: number }) => c.amount)).toEqual([50.07, 10.01]);
  });

  it('records ₹999.99 as not valid and credits nothing', async () => {
    const { parent, buyer } = await family();
    const response = await purchase(buyer, 999.99);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ is_valid: false, commissions: [], amount: 999.99 });
    expect(response.body.note).toMatch(/1000/);
    expect((await earnings(parent)).total_earnings).toBe(0);
  });

  it('qualifies at exactly ₹1000', async () => {
    const { buyer } = await family();
    const response = await purchase(buyer, 1000);
    expect(response.body.is_valid).toBe(true);
    expect(response.body.commissions.map((c: { amount: number }) => c.amount)).toEqual([50, 10]);
  });

  it('gives a buyer without a referrer an empty list of commissions', async () => {
    const loner = await api().createUser('Loner');
    const response = await purchase(loner, 5000);
    expect(response.body).toMatchObject({ is_valid: true, commissions: [] });
  });

  it('pays a partial credit at the cap, then nothing at that level; the other level is independent', async () => {
    const { grandparent, parent, buyer } = await family();
    // 5% of ₹19,000 = ₹950 at level 1; then 5% of ₹2,000 = ₹100 of which only ₹50 fits.
    await purchase(buyer, 19_000);
    const partial = await purchase(buyer, 2_000);
    expect(partial.body.commissions[0]).toEqual({ user_id: parent, level: 1, amount: 50, status: 'capped' });
    expect(partial.body.commissions[1]).toEqual({ user_id: grandparent, level: 2, amount: 20, status: 'credited' });
    const atCap = await purchase(buyer, 2_000);
    expect(atCap.body.commissions[0]).toEqual({ user_id: parent, level: 1, amount: 0, status: 'capped' });

    const parentEarnings = await earnings(parent);
    expect(parentEarnings.earnings_by_level).toEqual({ '1': 1000, '2': 0 });
    expect(parentEarnings.cap_remaining).toEqual({ '1': 0, '2': 1000 });
    // A capped share of 0 leaves no earning row.
    expect(parentEarnings.details).toHaveLength(2);

    // The parent's level-2 bucket still has room: a grandchild's purchase pays it.
    const grandchild = await api().createUser('Grandchild');
    await api().refer(buyer, grandchild);
    const level2 = await purchase(grandchild, 1_000);
    expect(level2.body.commissions[1]).toEqual({ user_id: parent, level: 2, amount: 10, status: 'credited' });
  });

  it('skips an inactive level 1 while level 2 is still paid', async () => {
    const { grandparent, parent, buyer } = await family();
    await api().patch(`/user/${parent}/deactivate`);
    const response = await purchase(buyer, 1500);
    expect(response.body.commissions).toEqual([
      { user_id: parent, level: 1, amount: 0, status: 'inactive' },
      { user_id: grandparent, level: 2, amount: 15, status: 'credited' },
    ]);
    expect((await earnings(parent)).total_earnings).toBe(0);
  });

  it('lets an inactive buyer still pay their active referrers', async () => {
    const { parent, buyer } = await family();
    await api().patch(`/user/${buyer}/deactivate`);
    const response = await purchase(buyer, 1500);
    expect(response.body.commissions[0]).toEqual({ user_id: parent, level: 1, amount: 75, status: 'credited' });
  });

  it('refuses an unknown buyer with 404 and records nothing', async () => {
    const before = await api().get('/leaderboard', { limit: 100 });
    const response = await purchase(999_999, 1500);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('USER.NOT_FOUND');
    expect((await api().get('/leaderboard', { limit: 100 })).body).toEqual(before.body);
  });

  it.each(['-1', '0', 'abc', 'NaN', 'Infinity', '1e400', '10.123', '1000000001', '1e3', ' 1500', '+1500', ''])(
    'refuses the amount %p with 400 and records nothing',
    async (amount) => {
      const { parent, buyer } = await family();
      const response = await purchase(buyer, amount);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION.FAILED' });
      expect((await earnings(parent)).details).toEqual([]);
    },
  );

  it('refuses a JSON amount that is not a plain number', async () => {
    const { buyer } = await family();
    for (const amount of ['1e3', null, true, [1500], 10.123]) {
      const response = await api().post('/purchase', undefined, { body: { buyer_id: buyer, amount } });
      expect(response.status).toBe(400);
    }
    const ok = await api().post('/purchase', undefined, { body: { buyer_id: buyer, amount: 1500.5 } });
    expect(ok.status).toBe(201);
    expect(ok.body.amount).toBe(1500.5);
  });

  it('accepts the largest amount and pays exactly the cap', async () => {
    const { buyer } = await family();
    const response = await purchase(buyer, 1_000_000_000);
    expect(response.status).toBe(201);
    expect(response.body.commissions.map((c: { amount: number; status: string }) => [c.amount, c.status])).toEqual([
      [1000, 'capped'],
      [1000, 'capped'],
    ]);
  });

  it('keeps the cap exact under 40 concurrent purchases', async () => {
    const { grandparent, parent, buyer } = await family();
    // Each pays ₹75 at level 1 and ₹15 at level 2: 40 × 75 = 3000 > 1000 at level 1.
    const responses = await Promise.all(Array.from({ length: 40 }, () => purchase(buyer, 1500)));
    expect(responses.every((response) => response.status === 201)).toBe(true);
    const paidAtLevel1 = responses.reduce((sum, r) => sum + Math.round(r.body.commissions[0].amount * 100), 0);
    expect(paidAtLevel1).toBe(100_000);
    expect((await earnings(parent)).earnings_by_level['1']).toBe(1000);
    expect((await earnings(grandparent)).earnings_by_level['2']).toBe(600);
  });

  describe('Idempotency-Key', () => {
    it('returns the first answer for the same key and parameters, and records one purchase', async () => {
      const { parent, buyer } = await family();
      const first = await purchase(buyer, 1500, { 'Idempotency-Key': `once-${buyer}` });
      const second = await purchase(buyer, '1500.00', { 'Idempotency-Key': `once-${buyer}` });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect((await earnings(parent)).details).toHaveLength(1);
    });

    it('answers 409 for the same key with other parameters, and records nothing new', async () => {
      const { parent, buyer } = await family();
      await purchase(buyer, 1500, { 'Idempotency-Key': `conflict-${buyer}` });
      const conflict = await purchase(buyer, 1600, { 'Idempotency-Key': `conflict-${buyer}` });
      expect(conflict.status).toBe(409);
      expect(conflict.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      expect((await earnings(parent)).details).toHaveLength(1);
    });

    it('does not let a refused request consume the key', async () => {
      const { buyer } = await family();
      const refused = await purchase(buyer, 'abc', { 'Idempotency-Key': `refused-${buyer}` });
      expect(refused.status).toBe(400);
      const accepted = await purchase(buyer, 1500, { 'Idempotency-Key': `refused-${buyer}` });
      expect(accepted.status).toBe(201);
    });

    it('makes concurrent duplicates one purchase, and every caller gets its id', async () => {
      const { parent, buyer } = await family();
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => purchase(buyer, 1500, { 'Idempotency-Key': `race-${buyer}` })),
      );
      expect(responses.every((r) => r.status === 201)).toBe(true);
      expect(new Set(responses.map((r) => r.body.purchase_id)).size).toBe(1);
      expect((await earnings(parent)).details).toHaveLength(1);
    });
  });

  describe('reads', () => {
    it('answers /earnings for a user who never earned with zeros, and 404/400 for bad ids', async () => {
      const user = await api().createUser('Nobody');
      expect((await api().get(`/earnings/${user}`)).body).toEqual({
        user_id: user,
        total_earnings: 0,
        earnings_by_level: { '1': 0, '2': 0 },
        cap_remaining: { '1': 1000, '2': 1000 },
        details: [],
      });
      expect((await api().get('/earnings/999999')).status).toBe(404);
      expect((await api().get('/earnings/abc')).status).toBe(400);
    });

    it('lists details newest first', async () => {
      const { parent, buyer } = await family();
      const first = await purchase(buyer, 1000);
      const second = await purchase(buyer, 2000);
      const details = (await earnings(parent)).details;
      expect(details.map((d: { purchase_id: number }) => d.purchase_id)).toEqual([
        second.body.purchase_id,
        first.body.purchase_id,
      ]);
    });

    it('shows in /referrals what the user earned from each referral', async () => {
      const { grandparent, parent, buyer } = await family();
      await purchase(buyer, 2000);
      await purchase(parent, 1000);
      const tree = (await api().get(`/referrals/${grandparent}`)).body;
      expect(tree.direct_referrals).toEqual([{ id: parent, name: 'Parent', is_active: true, earned: 50 }]);
      expect(tree.indirect_referrals).toEqual([{ id: buyer, name: 'Buyer', via: parent, is_active: true, earned: 20 }]);
    });

    it('orders the leaderboard by total, ties by id, honours limit and leaves out users with no earnings', async () => {
      const response = await api().get('/leaderboard', { limit: 100 });
      expect(response.status).toBe(200);
      const board = response.body as { user_id: number; name: string; total_earnings: number }[];
      expect(board.length).toBeGreaterThan(1);
      for (let i = 1; i < board.length; i++) {
        const [a, b] = [board[i - 1], board[i]];
        expect(
          a.total_earnings > b.total_earnings || (a.total_earnings === b.total_earnings && a.user_id < b.user_id),
        ).toBe(true);
      }
      expect(board.every((entry) => entry.total_earnings > 0 && typeof entry.name === 'string')).toBe(true);
      expect((await api().get('/leaderboard')).body).toHaveLength(Math.min(10, board.length));
      expect((await api().get('/leaderboard', { limit: 2 })).body).toEqual(board.slice(0, 2));
      for (const limit of ['0', '101', 'abc', '1.5']) {
        expect((await api().get('/leaderboard', { limit })).status).toBe(400);
      }
    });

    it('keeps an inactive user on the leaderboard', async () => {
      const { parent, buyer } = await family();
      await purchase(buyer, 20_000);
      await api().patch(`/user/${parent}/deactivate`);
      const board = (await api().get('/leaderboard', { limit: 100 })).body as { user_id: number }[];
      expect(board.some((entry) => entry.user_id === parent)).toBe(true);
    });
  });
});
