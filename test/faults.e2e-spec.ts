import { eventually } from '@app/testing';
import { purchaseUntilAccepted } from './support/fixtures';
import { startSystem, type System } from './support/system';

describe('Faults: broker restarts, killed and stopped services', () => {
  let system: System;
  const api = () => system.api;

  beforeAll(async () => {
    system = await startSystem({ REQUEST_TIMEOUT_MS: '1000' });
  });
  afterAll(() => system?.stop());

  async function referredBuyers(count: number): Promise<{ referrer: number; buyer: number }[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const referrer = await api().createUser(`Referrer ${i}`);
        const buyer = await api().createUser(`Buyer ${i}`);
        await api().refer(referrer, buyer);
        return { referrer, buyer };
      }),
    );
  }

  /** Runs `disrupt` while 4 clients buy `perBuyer` times for each buyer; checks each purchase counted once. */
  async function purchasesSurvive(perBuyer: number, disrupt: () => Promise<void>): Promise<void> {
    const pairs = await referredBuyers(6);
    const jobs = pairs.flatMap(({ buyer }) =>
      Array.from({ length: perBuyer }, (_, n) => ({ buyer, key: `${buyer}-${n}` })),
    );
    const ids = new Map<string, number>();
    const clients = Array.from({ length: 4 }, async (_, c) => {
      for (const job of jobs.filter((_, i) => i % 4 === c)) {
        ids.set(job.key, (await purchaseUntilAccepted(system.api, job.buyer, job.key)).purchaseId);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await disrupt();
    await Promise.all(clients);

    expect(new Set(ids.values()).size).toBe(jobs.length);
    for (const { referrer } of pairs) {
      const earnings = (await api().get(`/earnings/${referrer}`)).body;
      expect(earnings.details).toHaveLength(perBuyer);
      expect(earnings.total_earnings).toBe(50 * perBuyer);
    }
  }

  it('rides out a NATS restart: services reconnect by themselves and every accepted purchase counts once', async () => {
    await purchasesSurvive(10, async () => {
      await system.nats.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await system.nats.restart();
    });
    expect((await api().get('/health')).status).toBe(200);
  });

  it('answers 503 within its timeout while referrals is dead, and works again once it is back', async () => {
    const user = await api().createUser('Before');
    const [{ referrer, buyer }] = await referredBuyers(1);
    await system.services.referrals.stop('SIGKILL');
    const started = Date.now();
    const response = await api().patch(`/user/${user}/deactivate`);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'SERVICE.UNAVAILABLE', message: expect.stringMatching(/referrals/) });
    expect(Date.now() - started).toBeLessThan(5_000); // generous: the point is that it does not hang
    // Purchases and reads of the tree use commissions' own copy: they go on while referrals is down.
    expect((await api().get(`/referrals/${user}`)).status).toBe(200);
    const purchase = await api().post('/purchase', { buyer_id: buyer, amount: 1000 });
    expect(purchase.status).toBe(201);
    expect(purchase.body.commissions).toEqual([{ user_id: referrer, level: 1, amount: 50, status: 'credited' }]);
    system.services.referrals.start();
    await system.ready();
    expect((await api().patch(`/user/${user}/deactivate`)).status).toBe(200);
  });

  it('passes on a user change commissions could not take once commissions is back, through the USERS stream', async () => {
    const referrer = await api().createUser('Referrer of a change made while commissions was down');
    const user = await api().createUser('Changed while commissions was down');
    await api().refer(referrer, user);
    await system.services.commissions.stop('SIGKILL');
    // Referrals made the change; the gateway could not pass it on, so it does not answer 200.
    const response = await api().patch(`/user/${user}/deactivate`);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'SERVICE.UNAVAILABLE', message: expect.stringMatching(/commissions/) });
    system.services.commissions.start();
    await system.ready();
    await eventually(async () => {
      const tree = (await api().get(`/referrals/${referrer}`)).body;
      return tree.direct_referrals?.[0]?.is_active === false;
    }, 'the deactivation to reach commissions through the stream');
  });

  it('stops commissions on SIGTERM cleanly while purchases flow, losing and doubling nothing', async () => {
    await purchasesSurvive(8, async () => {
      await system.services.commissions.stop('SIGTERM');
      system.services.commissions.start();
    });
  });
});
