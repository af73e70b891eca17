import type { INestMicroservice } from '@nestjs/common';
import { ClientProxyFactory, type ClientProxy } from '@nestjs/microservices';
import type { NatsConnection } from 'nats';
import { RequestSubject, type UserView } from '@app/contracts';
import { natsTransport, ServiceClient } from '@app/platform';
import { startStandIn, startTestBroker, type NatsHandle } from '@app/testing';

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
      [RequestSubject.GetUser]: ({ userId }) => ({
        id: userId,
        name: `U${userId}`,
        isActive: true,
        referredBy: null,
        createdAt: new Date().toISOString(),
        version: 1,
      }),
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
});
