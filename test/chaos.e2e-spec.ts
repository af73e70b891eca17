import type { ApiClient } from './support/api-client';
import { eventually } from '@app/testing';
import { createFamily, type Family } from './support/fixtures';
import { SseStream } from '@app/testing';
import { startSystem, type System } from './support/system';

// Four services, three SIGKILLs and a broker restart on a shared two-core machine: generous, and nothing
// asserts a duration.
jest.setTimeout(300_000);

const CLIENTS = 16;
/** Purchases accepted after each fault before the next one: proof that the stack healed. */
const PROGRESS_BETWEEN_FAULTS = 3 * CLIENTS;

/**
 * Whole rupees from ₹1000 (the minimum that pays commissions) to ₹1030: every 5% and 1% share is a whole
 * number of paise. A parent earns 5% up to the ₹1000 cap, so a family takes at most 19 purchases (19 × ₹1030 × 5%
 * < ₹1000): each client spreads its purchases over families of its own, in turn, and stops when all are full.
 */
const amountOf = (n: number): number => 1000 + ((n * 7) % 31);
const FAMILIES_PER_CLIENT = 6;
const PURCHASES_PER_FAMILY = 19;

interface Accepted {
  key: string;
  buyer: number;
  amount: number;
  purchaseId: number;
}

/**
 * A client that buys for one buyer with a fresh Idempotency-Key per purchase, and retries each one with the
 * same key until it is accepted: on a 503, or on a lost connection. Anything else fails the test.
 */
async function buyUntilStopped(
  api: ApiClient,
  client: number,
  buyers: number[],
  accepted: Accepted[],
  stopped: () => boolean,
): Promise<void> {
  for (let n = 0; !stopped() && n < buyers.length * PURCHASES_PER_FAMILY; n++) {
    const key = `chaos-${client}-${n}`;
    const buyer = buyers[n % buyers.length];
    const amount = amountOf(n);
    for (;;) {
      const response = await api
        .post('/purchase', { buyer_id: buyer, amount }, { headers: { 'Idempotency-Key': key } })
        .catch(() => undefined);
      if (response?.status === 201) {
        accepted.push({ key, buyer, amount, purchaseId: (response.body as { purchase_id: number }).purchase_id });
        break;
      }
      if (response !== undefined) {
        expect([response.status, response.body]).toEqual([
          503,
          expect.objectContaining({ code: 'SERVICE.UNAVAILABLE' }),
        ]);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * A live-earnings client that behaves as EventSource does: when the stream ends it reconnects, with
 * `Last-Event-ID` set to the last id it saw (0 before any, since it first connected before any credit).
 */
class ReconnectingViewer {
  readonly ids: number[] = [];
  reconnects = 0;
  private closed = false;
  private stream?: SseStream;
  private readonly running: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly credential: string,
    opened: (viewer: ReconnectingViewer) => void,
  ) {
    this.running = this.run(opened);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stream?.close();
    await this.running;
  }

  private async run(opened: (viewer: ReconnectingViewer) => void): Promise<void> {
    let first = true;
    while (!this.closed) {
      const headers: Record<string, string> = { authorization: `Bearer ${this.credential}` };
      if (!first) {
        headers['last-event-id'] = String(this.ids.at(-1) ?? 0);
      }
      const stream = await SseStream.open(this.url, headers).catch(() => undefined);
      if (stream?.status === 200) {
        this.stream = stream;
        if (first) {
          await stream.waitForComment('connected').catch(() => undefined);
          opened(this);
        } else {
          this.reconnects += 1;
        }
        first = false;
        let read = 0;
        const take = (): void => {
          for (; read < stream.events.length; read++) {
            this.ids.push(Number(stream.events[read].id));
          }
        };
        // Ids are taken as they arrive, so that a reconnect resumes from the newest one.
        const timer = setInterval(take, 10);
        await stream.ended;
        clearInterval(timer);
        take();
      } else {
        await stream?.close();
      }
      if (!this.closed) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

describe('Chaos: services SIGKILLed and the broker restarted while keyed purchases flow', () => {
  let system: System;
  const supervisorLines: string[] = [];

  beforeAll(async () => {
    system = await startSystem(
      { REQUEST_TIMEOUT_MS: '1000', KEEPALIVE_MS: '500' },
      { supervise: { initialBackoffMs: 100, log: (line) => supervisorLines.push(line) } },
    );
  });
  const viewers = new Map<number, ReconnectingViewer>();
  afterAll(async () => {
    await Promise.all([...viewers.values()].map((viewer) => viewer.close()));
    await system?.stop();
  });

  it('heals by itself; every key accepted once, totals exact, every viewer sees every credit once', async () => {
    const { api } = system;
    // familiesOf[c]: client c's families.
    const familiesOf: Family[][] = [];
    // One at a time: the setup is not under test, and on a loaded machine a burst of referrals can time out.
    for (let c = 0; c < CLIENTS; c++) {
      const own: Family[] = [];
      for (let f = 0; f < FAMILIES_PER_CLIENT; f++) {
        own.push(await createFamily(api));
      }
      familiesOf.push(own);
    }
    const families = familiesOf.flat();

    // A viewer per referrer (both levels) of one family of half the clients, open before the first purchase.
    let openViewers = 0;
    const watched = familiesOf.slice(0, CLIENTS / 2).flatMap(([{ parent, grandparent }]) => [parent, grandparent]);
    for (const userId of watched) {
      viewers.set(
        userId,
        new ReconnectingViewer(`${system.baseUrl}/events/${userId}`, system.adminKey, () => (openViewers += 1)),
      );
    }
    await eventually(() => openViewers === viewers.size, 'every viewer to connect', 60_000);

    const accepted: Accepted[] = [];
    let stopped = false;
    const clients = familiesOf.map((own, client) =>
      buyUntilStopped(
        api,
        client,
        own.map(({ buyer }) => buyer),
        accepted,
        () => stopped,
      ),
    );
    const progress = async (what: string): Promise<void> => {
      const from = accepted.length;
      await eventually(() => accepted.length >= from + PROGRESS_BETWEEN_FAULTS, `purchases to flow ${what}`, 90_000);
    };
    const kill = async (name: 'commissions' | 'referrals' | 'notifier'): Promise<void> => {
      const service = system.services[name];
      const restartsBefore = system.supervisor!.restarts(service);
      process.kill(service.pid!, 'SIGKILL');
      await eventually(
        () => system.supervisor!.restarts(service) > restartsBefore,
        `the supervisor to restart ${name}`,
        30_000,
      );
      await progress(`after ${name} was killed`);
    };

    try {
      await progress('at first');
      await kill('commissions');
      await kill('referrals');
      await kill('notifier');
      await system.nats.restart();
      await progress('after the broker restarted');
    } finally {
      stopped = true;
      await Promise.all(clients);
    }

    // Exactly once: every key has one purchase, and asking again with it gives that purchase back.
    expect(new Set(accepted.map((a) => a.key)).size).toBe(accepted.length);
    expect(new Set(accepted.map((a) => a.purchaseId)).size).toBe(accepted.length);
    for (const sample of accepted.filter((_, i) => i % 10 === 0)) {
      const replay = await api.post(
        '/purchase',
        { buyer_id: sample.buyer, amount: sample.amount },
        { headers: { 'Idempotency-Key': sample.key } },
      );
      expect([replay.status, replay.body.purchase_id]).toEqual([201, sample.purchaseId]);
    }

    // Exact totals: 5% of what each buyer bought to the parent, 1% to the grandparent, one earning per purchase.
    const earningIds = new Map<number, number[]>();
    for (const { grandparent, parent, buyer } of families) {
      const bought = accepted.filter((a) => a.buyer === buyer);
      const boughtPaise = bought.reduce((sum, a) => sum + a.amount * 100, 0);
      for (const [referrer, percent] of [
        [parent, 5],
        [grandparent, 1],
      ] as const) {
        const earnings = (await api.get(`/earnings/${referrer}`)).body;
        expect([referrer, earnings.details.length]).toEqual([referrer, bought.length]);
        expect(Math.round(earnings.total_earnings * 100)).toBe((boughtPaise * percent) / 100);
        expect(earnings.details.map((d: { purchase_id: number }) => d.purchase_id).sort()).toEqual(
          bought.map((a) => a.purchaseId).sort(),
        );
        earningIds.set(
          referrer,
          earnings.details.map((d: { earning_id: number }) => d.earning_id),
        );
      }
    }

    // Every viewer saw every credit of its user, once, across its reconnects.
    for (const [userId, viewer] of viewers) {
      const expected = [...earningIds.get(userId)!].sort((a, b) => a - b);
      await eventually(() => new Set(viewer.ids).size >= expected.length, `user ${userId}'s viewer to catch up`);
      expect([...viewer.ids].sort((a, b) => a - b)).toEqual(expected);
      expect(viewer.reconnects).toBeGreaterThanOrEqual(1);
    }
    await Promise.all([...viewers.values()].map((viewer) => viewer.close()));

    // The supervisor said what happened to each service it brought back.
    for (const name of ['commissions', 'referrals', 'notifier']) {
      expect(supervisorLines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^\\[supervisor\\] ${name} ended unexpectedly \\(signal SIGKILL\\); restart 1`),
        ),
      );
      expect(supervisorLines).toContain(`[supervisor] ${name} restarted (restart 1)`);
    }
  });
});
