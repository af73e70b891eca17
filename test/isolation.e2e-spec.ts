import { MAX_DIRECT_REFERRALS } from '@app/contracts';
import { Client } from 'pg';
import { onPostgres } from '@app/testing';
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
});
