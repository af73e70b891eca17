import type { INestMicroservice } from '@nestjs/common';
import {
  DomainError,
  earningMessageId,
  ErrorCode,
  EventSubject,
  purchaseMessageId,
  RequestSubject,
  userNotFound,
  type EarningCredited,
} from '@app/contracts';
import { request as httpGet, type IncomingMessage } from 'node:http';
import { connect, type JetStreamClient, type NatsConnection } from 'nats';
import {
  eventually,
  startHttpService,
  type HttpServiceHarness,
  SseStream,
  standInUser,
  startStandIn,
} from '@app/testing';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { NotifierConfig } from '../src/config';
import { CreditHub } from '../src/events/credit-hub';
import { creditEvent } from '../src/events/sse.format';

// Client and service share one event loop here, so waits are generous; nothing asserts a duration.
jest.setTimeout(30_000);

const KEEPALIVE_MS = 200;
const MAX_BUFFERED = 100;
/** Users the referrals stand-in knows. */
const KNOWN_USERS = 1_000;

describe('notifier: JetStream credits to SSE streams', () => {
  let harness: HttpServiceHarness;
  let standIns: INestMicroservice[];
  let publisher: NatsConnection;
  let js: JetStreamClient;
  let hub: CreditHub;

  /** The commissions history that the stand-in answers GetEarningsSince from: every committed credit. */
  const history: EarningCredited[] = [];
  /** Lets a test hold the next replay request of one user until it says so. */
  let replayGate: { userId: number; asked: () => void; release: Promise<void> } | undefined;
  const failingReplays = new Set<number>();

  beforeAll(async () => {
    harness = await startHttpService('notifier', ({ natsUrl, databaseUrl }) =>
      AppModule.with(
        Object.assign(new NotifierConfig(), {
          NATS_URL: natsUrl,
          DATABASE_URL: databaseUrl,
          WEBHOOK_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
          REQUEST_TIMEOUT_MS: 2_000,
          KEEPALIVE_MS,
          SSE_MAX_BUFFERED_EVENTS: MAX_BUFFERED,
        }),
      ),
    );
    hub = harness.app.get(CreditHub);
    standIns = [
      await startStandIn(harness.nats.url, 'referrals', {
        [RequestSubject.GetUser]: ({ userId }) => {
          if (userId > KNOWN_USERS) {
            throw userNotFound(userId);
          }
          return standInUser(userId);
        },
      }),
      await startStandIn(harness.nats.url, 'commissions', {
        [RequestSubject.GetEarningsSince]: async ({ userId, afterEarningId, limit }) => {
          const gate = replayGate?.userId === userId ? replayGate : undefined;
          if (gate) {
            replayGate = undefined;
            gate.asked();
            await gate.release;
          }
          if (failingReplays.has(userId)) {
            throw new DomainError(ErrorCode.ServiceUnavailable, 'commissions is down');
          }
          return history
            .filter((credit) => credit.userId === userId && credit.earningId > afterEarningId)
            .sort((a, b) => a.earningId - b.earningId)
            .slice(0, limit);
        },
      }),
    ];
    publisher = await connect({ servers: harness.nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    js = publisher.jetstream();
  });

  afterAll(async () => {
    await publisher?.close();
    await Promise.all((standIns ?? []).map((standIn) => standIn.close()));
    await harness?.stop();
  });

  let lastUserId = 0;
  const newUser = (): number => ++lastUserId;
  let lastEarningId = 0;
  const totals = new Map<number, number>();

  /** A credit as commissions would make it: earning ids are global, totals run per user. */
  function credit(userId: number, amountPaise = 7_500): EarningCredited {
    const earningId = ++lastEarningId;
    const total = (totals.get(userId) ?? 0) + amountPaise;
    totals.set(userId, total);
    return {
      earningId,
      userId,
      level: 1,
      amountPaise,
      sourceUserId: 5,
      purchaseId: 17_000 + earningId,
      totalEarningsPaise: total,
      refundId: null,
      timestamp: new Date().toISOString(),
    };
  }

  /** Commits a credit to the history and then publishes it, in that order, as commissions does. */
  async function commitAndPublish(userId: number): Promise<EarningCredited> {
    const made = credit(userId);
    history.push(made);
    await publish(made);
    return made;
  }

  async function publish(made: EarningCredited): Promise<void> {
    await js.publish(EventSubject.EarningCredited, JSON.stringify(made), { msgID: earningMessageId(made.earningId) });
  }

  /** Streams a test opened: closed after it, so that every test starts with no subscription. */
  const opened: SseStream[] = [];
  const open = async (path: string, headers?: Record<string, string>): Promise<SseStream> => {
    const stream = await SseStream.open(`${harness.url}${path}`, headers);
    opened.push(stream);
    return stream;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stream) => stream.close()));
    await eventually(() => hub.subscriptionCount() === 0, 'every stream of the test to unsubscribe');
  });
  const ids = (stream: SseStream): number[] => stream.events.map((event) => Number(event.id));

  it('answers its health over NATS, with the subscriptions it holds', async () => {
    await expect(harness.client.request(RequestSubject.NotifierHealth, {})).resolves.toEqual({
      service: 'notifier',
      status: 'ok',
      subscriptions: hub.subscriptionCount(),
    });
  });

  it('exposes its open streams and how far its JetStream reader is behind as Prometheus gauges', async () => {
    const gauge = async (name: string): Promise<number | undefined> => {
      const text = await (await fetch(`${harness.url}/metrics`)).text();
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`));
      return line === undefined ? undefined : Number(line.split(' ').at(-1));
    };
    const user = newUser();
    const [first, second] = [await open(`/events/${user}`), await open(`/events/${user}`)];
    expect(await gauge('notifier_sse_connections')).toBe(2);
    const made = await commitAndPublish(user);
    await first.waitForEvents(1);
    await second.waitForEvents(1);
    expect(first.events[0].id).toBe(String(made.earningId));
    expect(await gauge('notifier_jetstream_consumer_pending')).toBe(0);
    await first.close();
    await eventually(async () => (await gauge('notifier_sse_connections')) === 1, 'the gauge to count one stream');
  });

  it('sends the SSE headers at once, before any credit', async () => {
    const stream = await open(`/events/${newUser()}`);
    expect(stream.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache');
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.response.headers.get('connection')).toBe('keep-alive');
    await stream.close();
  });

  it('streams each credit to every subscriber of its user and to no one else, in the shape of SPEC.md', async () => {
    const [alice, bob] = [newUser(), newUser()];
    const first = await open(`/events/${alice}`);
    const second = await open(`/events/${alice}`);
    const other = await open(`/events/${bob}`);
    const forAlice = await commitAndPublish(alice);
    const forBob = await commitAndPublish(bob);

    for (const stream of [first, second]) {
      const [event] = await stream.waitForEvents(1);
      expect(event.id).toBe(String(forAlice.earningId));
      expect(JSON.parse(event.data)).toEqual({
        amount: 75,
        level: 1,
        source_user_id: 5,
        purchase_id: forAlice.purchaseId,
        total_earnings: 75,
        timestamp: forAlice.timestamp,
      });
    }
    const [bobsFirst] = await other.waitForEvents(1);
    expect(bobsFirst.id).toBe(String(forBob.earningId));
    await Promise.all([first, second, other].map((stream) => stream.close()));
  });

  it("streams the credits a purchase's event carries, each to its own user", async () => {
    const [referrer, grandReferrer] = [newUser(), newUser()];
    const first = await open(`/events/${referrer}`);
    const second = await open(`/events/${grandReferrer}`);
    const credits = [credit(referrer), { ...credit(grandReferrer, 1_500), level: 2 as const }];
    history.push(...credits);
    const purchaseId = credits[0].purchaseId;
    const purchase = { purchaseId, buyerId: 5, amountPaise: 150_000, isValid: true, note: '', commissions: [] };
    await js.publish(EventSubject.PurchaseRecorded, JSON.stringify({ ...purchase, credits }), {
      msgID: purchaseMessageId(purchaseId),
    });

    const [[toReferrer], [toGrandReferrer]] = [await first.waitForEvents(1), await second.waitForEvents(1)];
    expect(toReferrer.id).toBe(String(credits[0].earningId));
    expect(toGrandReferrer.id).toBe(String(credits[1].earningId));
    expect(JSON.parse(toGrandReferrer.data)).toMatchObject({ amount: 15, level: 2 });
  });

  it('refuses an unknown user with 404, and a malformed id or Last-Event-ID with 400, in the error body', async () => {
    const unknown = await open(`/events/${KNOWN_USERS + 1}`);
    expect(unknown.status).toBe(404);
    await expect(unknown.errorBody()).resolves.toEqual({
      statusCode: 404,
      code: 'USER.NOT_FOUND',
      message: expect.any(String),
    });
    for (const bad of ['abc', '1.5', '0', '-1', '2147483648']) {
      const stream = await open(`/events/${bad}`);
      expect(stream.status).toBe(400);
      await expect(stream.errorBody()).resolves.toMatchObject({ statusCode: 400, code: 'VALIDATION.FAILED' });
    }
    const badResume = await open(`/events/${newUser()}`, { 'last-event-id': 'x1' });
    expect(badResume.status).toBe(400);
    await expect(badResume.errorBody()).resolves.toMatchObject({ code: 'VALIDATION.FAILED' });
  });

  it('replays missed credits in id order across pages, then live ones, with no duplicate and no gap', async () => {
    const user = newUser();
    const other = newUser();
    for (let i = 0; i < 1_203; i++) {
      history.push(credit(user), ...(i % 100 === 0 ? [credit(other)] : []));
    }
    const mine = history.filter((made) => made.userId === user);
    const resumeFrom = mine[99].earningId;
    const watcher = await open(`/events/${user}`);

    // Hold the replay's first page while credits arrive live, so that they fall on the seam.
    let asked!: () => void;
    const replayAsked = new Promise<void>((resolve) => (asked = resolve));
    let release!: () => void;
    replayGate = { userId: user, asked, release: new Promise<void>((resolve) => (release = resolve)) };
    const resumer = await open(`/events/${user}`, { 'last-event-id': String(resumeFrom) });
    await replayAsked;
    const onBothSides = [await commitAndPublish(user), await commitAndPublish(user), await commitAndPublish(user)];
    // Committed after the replay read the history: only the live feed has it.
    const liveOnly = credit(user);
    await publish(liveOnly);
    await watcher.waitForEvents(4);
    release();

    const expected = [...mine.slice(100), ...onBothSides, liveOnly].map((made) => made.earningId);
    await resumer.waitForEvents(expected.length);
    const after = await commitAndPublish(user);
    await resumer.waitForEvents(expected.length + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ids(resumer)).toEqual([...expected, after.earningId]);
    expect(JSON.parse(resumer.events[0].data)).toMatchObject({ total_earnings: mine[100].totalEarningsPaise / 100 });
    await Promise.all([watcher.close(), resumer.close()]);
  });

  it('takes last_event_id from the query, and the header over the query', async () => {
    const user = newUser();
    const made = [credit(user), credit(user), credit(user)];
    history.push(...made);
    const byQuery = await open(`/events/${user}?last_event_id=${made[0].earningId}`);
    await byQuery.waitForEvents(2);
    expect(ids(byQuery)).toEqual([made[1].earningId, made[2].earningId]);
    const both = await open(`/events/${user}?last_event_id=${made[0].earningId}`, {
      'last-event-id': String(made[1].earningId),
    });
    await both.waitForEvents(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ids(both)).toEqual([made[2].earningId]);
    await Promise.all([byQuery.close(), both.close()]);
  });

  it('ends the stream when the history cannot be fetched, so that the client retries its replay', async () => {
    const user = newUser();
    failingReplays.add(user);
    const stream = await open(`/events/${user}`, { 'last-event-id': '0' });
    expect(stream.status).toBe(200);
    await stream.waitForEnd();
    expect(stream.events).toEqual([]);
    expect(hub.subscriptionCount()).toBe(0);
  });

  it('sends a keep-alive comment every KEEPALIVE_MS', async () => {
    const stream = await open(`/events/${newUser()}`);
    await stream.waitForComment('keep-alive');
    expect(stream.comments[0]).toBe('connected');
    await stream.close();
  });

  it('leaves no subscription behind when 1,000 streams open and close', async () => {
    const user = newUser();
    const streams = await Promise.all(Array.from({ length: 1_000 }, () => open(`/events/${user}`)));
    expect(streams.every((stream) => stream.status === 200)).toBe(true);
    expect(hub.subscriptionCount()).toBe(1_000);
    await Promise.all(streams.map((stream) => stream.close()));
    await eventually(() => hub.subscriptionCount() === 0, 'every closed stream to unsubscribe');
  }, 60_000);

  it('disconnects a client that stops reading, and keeps serving the others', async () => {
    const user = newUser();
    const healthy = await open(`/events/${user}`);
    const stalled = await openWithoutReading(`${harness.url}/events/${user}`);
    await eventually(() => hub.subscriptionCount() === 2, 'both streams to subscribe');

    // Straight into the hub, in steps the healthy client keeps up with, until the stalled one is dropped.
    // The stalled client's socket never reports the drop (it reads nothing, not even the end): the hub does.
    let sent = 0;
    while (hub.subscriptionCount() === 2 && sent < 200_000) {
      for (let i = 0; i < MAX_BUFFERED / 2; i++) {
        hub.publish(user, creditEvent(credit(user)));
      }
      sent += MAX_BUFFERED / 2;
      await healthy.waitForEvents(sent);
    }
    await eventually(() => hub.subscriptionCount() === 1, 'the stalled stream to be dropped');
    stalled.destroy();
    const marker = credit(user);
    hub.publish(user, creditEvent(marker));
    await healthy.waitForEvents(sent + 1);
    expect(healthy.isOpen).toBe(true);
    expect(healthy.events.at(-1)?.id).toBe(String(marker.earningId));
    await healthy.close();
  });

  it('keeps streaming after the NATS broker restarts', async () => {
    const user = newUser();
    const stream = await open(`/events/${user}`);
    await harness.nats.restart();
    const made = credit(user);
    history.push(made);
    await eventually(
      async () =>
        await publish(made).then(
          () => true,
          () => false,
        ),
      'a publish after restart',
    );
    await stream.waitForEvents(1, 60_000);
    expect(stream.events[0].id).toBe(String(made.earningId));
    await stream.close();
  }, 90_000);
});

/** A raw HTTP client that reads the headers and then nothing more, like a stuck browser tab. */
function openWithoutReading(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, (response) => {
      response.pause();
      resolve(response);
    });
    request.on('error', reject);
    request.end();
  });
}
