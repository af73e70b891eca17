import { startSystem, type System } from './support/system';

describe('Users and the referral tree (gateway → NATS → referrals)', () => {
  let system: System;
  const api = () => system.api;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  describe('POST /user', () => {
    it('creates a user, trimming the name', async () => {
      const response = await api().post('/user', { name: '  Alice  ' });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ user_id: expect.any(Number), name: 'Alice', is_active: true, referred_by: null });
    });

    it('accepts a JSON body with the same fields', async () => {
      const response = await api().post('/user', undefined, { body: { name: 'Body' } });
      expect(response.status).toBe(201);
      expect(response.body.name).toBe('Body');
    });

    it('counts code points, not UTF-16 units: 100 emoji are a valid name', async () => {
      const response = await api().post('/user', { name: '😀'.repeat(100) });
      expect(response.status).toBe(201);
      expect(response.body.name).toBe('😀'.repeat(100));
    });

    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['101 characters', 'x'.repeat(101)],
    ])('refuses a name that is %s and creates nothing', async (_, name) => {
      const before = await api().post('/user', { name: 'marker' });
      const response = await api().post('/user', { name });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION.FAILED', message: expect.any(String) });
      const after = await api().post('/user', { name: 'marker' });
      expect(after.body.user_id).toBe(before.body.user_id + 1);
    });

    it('refuses a missing name', async () => {
      const response = await api().post('/user');
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION.FAILED');
    });
  });

  describe('POST /refer', () => {
    it('refers a user and reports it', async () => {
      const [alice, bob] = [await api().createUser('Alice'), await api().createUser('Bob')];
      const response = await api().post('/refer', { referrer_id: alice, user_id: bob });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ message: 'User referred', referrer_id: alice, user_id: bob });
    });

    it('accepts 8 direct referrals and refuses the 9th', async () => {
      const referrer = await api().createUser('Busy');
      for (let i = 0; i < 8; i++) {
        await api().refer(referrer, await api().createUser(`R${i}`));
      }
      const ninth = await api().createUser('Ninth');
      const response = await api().post('/refer', { referrer_id: referrer, user_id: ninth });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('REFERRAL.LIMIT_REACHED');
      expect((await api().get(`/referrals/${referrer}`)).body.direct_referrals).toHaveLength(8);
    });

    it('counts inactive referrals towards the limit', async () => {
      const referrer = await api().createUser('Limit');
      for (let i = 0; i < 8; i++) {
        const user = await api().createUser(`I${i}`);
        await api().refer(referrer, user);
        await api().patch(`/user/${user}/deactivate`);
      }
      const response = await api().post('/refer', { referrer_id: referrer, user_id: await api().createUser('X') });
      expect(response.body.code).toBe('REFERRAL.LIMIT_REACHED');
    });

    it('gives exactly 8 successes to 16 concurrent refers for one referrer', async () => {
      const referrer = await api().createUser('Popular');
      const users = await Promise.all(Array.from({ length: 16 }, (_, i) => api().createUser(`C${i}`)));
      const responses = await Promise.all(
        users.map((user) => api().post('/refer', { referrer_id: referrer, user_id: user })),
      );
      expect(responses.filter((r) => r.status === 200)).toHaveLength(8);
      const refused = responses.filter((r) => r.status !== 200);
      expect(refused).toHaveLength(8);
      expect(refused.every((r) => r.status === 400 && r.body.code === 'REFERRAL.LIMIT_REACHED')).toBe(true);
      expect((await api().get(`/referrals/${referrer}`)).body.direct_referrals).toHaveLength(8);
    });

    it('lets concurrent refers of one user to different referrers give exactly one referrer', async () => {
      const user = await api().createUser('Wanted');
      const referrers = await Promise.all(Array.from({ length: 6 }, (_, i) => api().createUser(`W${i}`)));
      const responses = await Promise.all(
        referrers.map((referrer) => api().post('/refer', { referrer_id: referrer, user_id: user })),
      );
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.body.code === 'REFERRAL.ALREADY_REFERRED')).toHaveLength(5);
    });

    it('refuses a user who already has a referrer', async () => {
      const [a, b, c] = [await api().createUser('A'), await api().createUser('B'), await api().createUser('C')];
      await api().refer(a, c);
      const response = await api().post('/refer', { referrer_id: b, user_id: c });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('REFERRAL.ALREADY_REFERRED');
    });

    it('refuses self-referral', async () => {
      const a = await api().createUser('Self');
      const response = await api().post('/refer', { referrer_id: a, user_id: a });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('REFERRAL.SELF');
    });

    it('refuses 2- and 3-cycles', async () => {
      const [a, b, c] = [await api().createUser('A'), await api().createUser('B'), await api().createUser('C')];
      await api().refer(a, b);
      const twoCycle = await api().post('/refer', { referrer_id: b, user_id: a });
      expect(twoCycle.status).toBe(400);
      expect(twoCycle.body.code).toBe('REFERRAL.CYCLE');

      await api().refer(b, c);
      const threeCycle = await api().post('/refer', { referrer_id: c, user_id: a });
      expect(threeCycle.status).toBe(400);
      expect(threeCycle.body.code).toBe('REFERRAL.CYCLE');
      expect((await api().get(`/referrals/${c}`)).body.direct_referrals).toEqual([]);
    });

    it('answers 404 for an unknown referrer or user', async () => {
      const a = await api().createUser('Known');
      const unknownReferrer = await api().post('/refer', { referrer_id: 999_999, user_id: a });
      expect(unknownReferrer.status).toBe(404);
      expect(unknownReferrer.body.code).toBe('USER.NOT_FOUND');
      const unknownUser = await api().post('/refer', { referrer_id: a, user_id: 999_999 });
      expect(unknownUser.status).toBe(404);
    });

    it.each([['abc'], ['1.5'], ['0'], ['-1'], ['2147483648'], ['1e3'], ['']])(
      'refuses the id %p with 400 before looking anything up',
      async (bad) => {
        const a = await api().createUser('Valid');
        const response = await api().post('/refer', { referrer_id: bad, user_id: a });
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('VALIDATION.FAILED');
        const reverse = await api().post('/refer', { referrer_id: a, user_id: bad });
        expect(reverse.status).toBe(400);
      },
    );

    it('checks validation before existence: a bad id and an unknown id give 400', async () => {
      const response = await api().post('/refer', { referrer_id: 999_999, user_id: 'abc' });
      expect(response.status).toBe(400);
    });
  });

  describe('GET /referrals/{user_id}', () => {
    it('lists direct and indirect referrals ordered by id, in the exact shape of SPEC.md', async () => {
      const root = await api().createUser('Root');
      const d1 = await api().createUser('D1');
      const d2 = await api().createUser('D2');
      const i1 = await api().createUser('I1');
      const i2 = await api().createUser('I2');
      const i3 = await api().createUser('I3');
      const deeper = await api().createUser('Deeper');
      await api().refer(root, d2);
      await api().refer(root, d1);
      await api().refer(d2, i1);
      await api().refer(d1, i2);
      await api().refer(d2, i3);
      await api().refer(i1, deeper);
      await api().patch(`/user/${i2}/deactivate`);

      const response = await api().get(`/referrals/${root}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        user_id: root,
        direct_referrals: [
          { id: d1, name: 'D1', is_active: true, earned: 0 },
          { id: d2, name: 'D2', is_active: true, earned: 0 },
        ],
        indirect_referrals: [
          { id: i1, name: 'I1', via: d2, is_active: true, earned: 0 },
          { id: i2, name: 'I2', via: d1, is_active: false, earned: 0 },
          { id: i3, name: 'I3', via: d2, is_active: true, earned: 0 },
        ],
      });
    });

    it('answers 404 for an unknown user and 400 for a malformed id', async () => {
      expect((await api().get('/referrals/999999')).status).toBe(404);
      for (const bad of ['abc', '1.5', '0', '-1', '2147483648']) {
        const response = await api().get(`/referrals/${bad}`);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('VALIDATION.FAILED');
      }
    });
  });

  describe('PATCH /user/{id}/deactivate and /reactivate', () => {
    it('switches a user off and on; repeating is harmless', async () => {
      const user = await api().createUser('Toggle');
      for (let i = 0; i < 2; i++) {
        const response = await api().patch(`/user/${user}/deactivate`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ user_id: user, is_active: false });
      }
      for (let i = 0; i < 2; i++) {
        const response = await api().patch(`/user/${user}/reactivate`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ user_id: user, is_active: true });
      }
    });

    it('answers 404 for an unknown user and 400 for a malformed id', async () => {
      expect((await api().patch('/user/999999/deactivate')).status).toBe(404);
      expect((await api().patch('/user/abc/reactivate')).status).toBe(400);
    });
  });

  it('answers unknown routes with the error body', async () => {
    const response = await api().get('/no-such-route');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'ROUTE.NOT_FOUND' });
  });
});
