import type { INestMicroservice } from '@nestjs/common';
import { ClientProxyFactory, type ClientProxy } from '@nestjs/microservices';
import type { NatsConnection } from 'nats';
import { batchSubjectOf, DomainError, ErrorCode, RequestSubject, type UserView } from '@app/contracts';
import { natsTransport, NoAnswer, ReplyInbox, ServiceClient } from '@app/platform';
import { standInUser, startStandIn, startTestBroker, type NatsHandle } from '@app/testing';

/** Counts the connection's socket writes from now on (the NATS client's transport is not public API). */
function countWrites(connection: NatsConnection): () => number {
  const { transport } = (connection as unknown as { protocol: { transport: { send(frame: Uint8Array): void } } })
    .protocol;
  const send = jest.spyOn(transport, 'send');
  return () => send.mock.calls.length;
}

// The client every service asks the others with (libs/platform), against a real nats-server and a stand-in.
describe('ServiceClient', () => {
  let broker: NatsHandle;
  let referrals: INestMicroservice;
  let proxy: ClientProxy;
  let client: ServiceClient;

  beforeAll(async () => {
    broker = await startTestBroker('service-client');
    referrals = await startStandIn(broker.url, 'referrals', {
      [RequestSubject.GetUser]: ({ userId }) => {
        if (userId > 1_000) {
          throw new DomainError(ErrorCode.UserNotFound, `User ${userId} not found`);
        }
        return standInUser(userId);
      },
      // Answers after 1 s: longer than the impatient client below waits.
      [RequestSubject.GetUserNames]: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return {};
      },
    });
    proxy = ClientProxyFactory.create(natsTransport(broker.url));
    client = new ServiceClient(proxy, 5_000);
  });

  afterAll(async () => {
    await proxy?.close();
    await referrals?.close();
    await broker?.stop();
  });

  it('sends the requests made in one turn of the event loop in one socket write, and answers each', async () => {
    await client.request(RequestSubject.GetUser, { userId: 1 });
    const writes = countWrites((await proxy.connect()) as NatsConnection);

    // As a busy gateway makes them: each from a callback of its own, one after another in the same turn.
    const ids = Array.from({ length: 20 }, (_, index) => index + 1);
    const answers = await Promise.all(
      ids.map(
        (userId) =>
          new Promise<UserView>((resolve, reject) =>
            setImmediate(() => void client.request(RequestSubject.GetUser, { userId }).then(resolve, reject)),
          ),
      ),
    );

    expect(answers.map((user) => user.id)).toEqual(ids);
    expect(writes()).toBe(1);
  });

  it('sends the requests of one subject made in one turn as one batch, and answers or refuses each alone', async () => {
    const connection = (await proxy.connect()) as NatsConnection;
    const batches: number[] = [];
    const singles: string[] = [];
    // Plain subscriptions (no queue group) see a copy of every message, beside the stand-in's.
    const watchBatches = connection.subscribe(batchSubjectOf(RequestSubject.GetUser), {
      callback: (_error, message) => batches.push(message.json<{ requests: unknown[] }>().requests.length),
    });
    const watchSingles = connection.subscribe(RequestSubject.GetUser, {
      callback: (_error, message) => singles.push(message.subject),
    });
    await connection.flush();
    try {
      const ids = [1, 2, 1_001, 3, 1_002, 4];
      const outcomes = await Promise.all(
        ids.map((userId) =>
          client.request(RequestSubject.GetUser, { userId }).then(
            (answer) => answer.id,
            (error: DomainError) => error.code,
          ),
        ),
      );
      expect(outcomes).toEqual([1, 2, ErrorCode.UserNotFound, 3, ErrorCode.UserNotFound, 4]);
      expect(batches).toEqual([ids.length]);
      expect(singles).toEqual([]);
    } finally {
      watchBatches.unsubscribe();
      watchSingles.unsubscribe();
    }
  });

  it('answers a malformed request inside a batch as an unknown subject, and the others as usual', async () => {
    const connection = (await proxy.connect()) as NatsConnection;
    const batch = {
      requests: [
        null,
        { pattern: RequestSubject.GetUser, data: { userId: 9 }, headers: { 'x-deadline-ms': '5000' } },
        { pattern: 'referrals.nothing', data: {}, headers: {} },
      ],
    };
    const answer = await connection.request(batchSubjectOf(RequestSubject.GetUser), JSON.stringify(batch), {
      timeout: 5_000,
    });
    const { replies } = answer.json<{ replies: { err?: unknown; response?: UserView }[] }>();
    expect(replies).toHaveLength(3);
    expect(replies[0].err).toEqual(expect.stringMatching(/no matching message handler/));
    expect(replies[1].response).toMatchObject({ id: 9 });
    expect(replies[2].err).toEqual(expect.stringMatching(/no matching message handler/));
  });

  it('refuses a payload JSON cannot encode as unreachable, and still sends the others of its turn', async () => {
    const unencodable = { userId: 1n as unknown as number };
    const [refusal, answer] = await Promise.all([
      client.request(RequestSubject.GetUser, unencodable).catch((error: unknown) => error),
      client.request(RequestSubject.GetUserNames, { userIds: [] }),
    ]);
    expect(refusal).toMatchObject({
      code: ErrorCode.ServiceUnavailable,
      message: expect.stringMatching(/unreachable/),
    });
    expect(answer).toEqual({});
  });

  it('answers each of many requests in flight at once with its own answer', async () => {
    const ids = Array.from({ length: 500 }, (_, index) => 500 - index);
    const answers = await Promise.all(ids.map((userId) => client.request(RequestSubject.GetUser, { userId })));
    expect(answers.map((user) => user.id)).toEqual(ids);
  });

  it('refuses a request nobody serves as unreachable, without waiting for its timeout', async () => {
    // The broker says at once that no one listens; a timeout would say "did not answer in time" after 5 s.
    const refusal = await client.request(RequestSubject.GetLeaderboard, { limit: 1 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: ErrorCode.ServiceUnavailable,
      message: expect.stringMatching(/unreachable/),
    });
  });

  it('gives up on an answer that comes too late, and still answers the next request', async () => {
    const impatient = new ServiceClient(proxy, 100);
    const started = Date.now();
    // Two in one turn: they travel as one batch, and each still gives up at its own time.
    const refusals = await Promise.all(
      [1, 2].map((userId) =>
        impatient.request(RequestSubject.GetUserNames, { userIds: [userId] }).catch((error: unknown) => error),
      ),
    );
    expect(Date.now() - started).toBeLessThan(900);
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({
        code: ErrorCode.ServiceUnavailable,
        message: expect.stringMatching(/did not answer in time/),
      });
    }
    // The late answer arrives after the request was given up on, and is dropped.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await expect(impatient.request(RequestSubject.GetUser, { userId: 7 })).resolves.toMatchObject({ id: 7 });
  });

  it("sorts the broker's no-responders status out from answers", async () => {
    const inbox = new ReplyInbox((await proxy.connect()) as NatsConnection);
    try {
      const refusal = await inbox
        .request('nobody.listens.here', new Uint8Array(), 5_000)
        .catch((error: unknown) => error);
      expect(refusal).toEqual(new NoAnswer(false));
    } finally {
      inbox.close();
    }
  });

  it('fails a request still waiting when its connection closes, without waiting for its timeout', async () => {
    const ownProxy = ClientProxyFactory.create(natsTransport(broker.url));
    const own = new ServiceClient(ownProxy, 5_000);
    await own.request(RequestSubject.GetUser, { userId: 1 });
    const waiting = own.request(RequestSubject.GetUserNames, { userIds: [1] }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ownProxy.close();
    // A timeout would say "did not answer in time", after 5 s.
    expect(await waiting).toMatchObject({
      code: ErrorCode.ServiceUnavailable,
      message: expect.stringMatching(/unreachable/),
    });
  });
});
