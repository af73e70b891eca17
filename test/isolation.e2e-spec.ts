import { EventSubject, MAX_DIRECT_REFERRALS, USERS_STREAM, type MemberChange } from '@app/contracts';
import { connect } from 'nats';
import { Client } from 'pg';
import { eventually, onPostgres } from '@app/testing';
import { startSystem, type System } from './support/system';

/**
 * The rules on PostgreSQL are written for READ COMMITTED. A server whose default is REPEATABLE READ (a common
 * setting) must not change what they allow: the services set the level of every transaction themselves.
 * PostgreSQL only (`npm run test:system:postgres`): SQLite has no isolation levels to choose from.
 */
(onPostgres ? describe : describe.skip)('PostgreSQL rules under a server default of REPEATABLE READ', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem(
      { REQUEST_TIMEOUT_MS: '5000' },
      { database: 'postgres', postgresSettings: { default_transaction_isolation: 'repeatable read' } },
    );
  });
  afterAll(() => system?.stop());

  it('runs on databases whose default really is REPEATABLE READ', async () => {
    const client = new Client({ connectionString: system.databaseUrls!.referrals });
    await client.connect();
    try {
      const { rows } = await client.query('SHOW default_transaction_isolation');
      expect(rows).toEqual([{ default_transaction_isolation: 'repeatable read' }]);
    } finally {
      await client.end();
    }
  });

  it(`lets exactly ${MAX_DIRECT_REFERRALS} of 24 simultaneous referrals under one referrer through`, async () => {
    const { api } = system;
    const referrer = await api.createUser('Popular');
    const users: number[] = [];
    for (let i = 0; i < 24; i++) {
      users.push(await api.createUser(`Candidate ${i}`));
    }
    const answers = await Promise.all(
      users.map((user) => api.post('/refer', { referrer_id: referrer, user_id: user })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(MAX_DIRECT_REFERRALS);
    expect(statuses.filter((status) => status !== 200 && status !== 400)).toEqual([]);
    const tree = (await api.get(`/referrals/${referrer}`)).body;
    expect(tree.direct_referrals).toHaveLength(MAX_DIRECT_REFERRALS);
  });

  it("leaves commissions' copy of a user equal to referrals' after 24 simultaneous (de)activations", async () => {
    const { api } = system;
    const referrer = await api.createUser('Referrer of a flickering user');
    const user = await api.createUser('Flickering');
    await api.refer(referrer, user);
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => api.patch(`/user/${user}/${i % 2 === 0 ? 'deactivate' : 'reactivate'}`)),
    );
    expect(answers.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
    const rowOf = async (service: 'referrals' | 'commissions', sql: string) => {
      const client = new Client({ connectionString: system.databaseUrls![service] });
      await client.connect();
      try {
        return (await client.query<{ is_active: boolean; version: number; referred_by: number }>(sql, [user])).rows[0];
      } finally {
        await client.end();
      }
    };
    // Each change has a version of its own, so the copy settles on the user as referrals last changed it.
    await eventually(async () => {
      const [source, copy] = await Promise.all([
        rowOf('referrals', 'SELECT is_active, version, referred_by FROM users WHERE id = $1'),
        rowOf('commissions', 'SELECT is_active, version, referred_by FROM members WHERE user_id = $1'),
      ]);
      return JSON.stringify(source) === JSON.stringify(copy);
    }, "commissions' copy to equal referrals' user");
    const copy = await rowOf('commissions', 'SELECT is_active, version, referred_by FROM members WHERE user_id = $1');
    expect(copy.referred_by).toBe(referrer);
    // Every change that was made was announced under a version of its own: none can be lost to a tie.
    const nats = await connect({ servers: system.nats.url });
    try {
      const streams = await nats.jetstreamManager();
      const { state } = await streams.streams.info(USERS_STREAM.name);
      const versions: number[] = [];
      for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
        const message = await streams.streams.getMessage(USERS_STREAM.name, { seq });
        const change = message.json<MemberChange>();
        if (message.subject === (EventSubject.MemberChanged as string) && change.userId === user) {
          versions.push(change.version);
        }
      }
      expect(versions.length).toBeGreaterThan(2);
      expect(new Set(versions).size).toBe(versions.length);
      expect(Math.max(...versions)).toBe(copy.version);
    } finally {
      await nats.close();
    }
  });
});
