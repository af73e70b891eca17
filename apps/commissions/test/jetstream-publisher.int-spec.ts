import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { ensureStream, JetStreamPublisher, type StreamMessage } from '@app/platform';
import { startTestBroker, type NatsHandle } from '@app/testing';

// The publisher the outboxes use (libs/platform), against a real nats-server with JetStream: the
// acknowledgements are the broker's, not a stand-in's.
describe('JetStreamPublisher', () => {
  let broker: NatsHandle;
  let nats: NatsConnection;
  let streams: JetStreamManager;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    broker = await startTestBroker('js-publisher');
    nats = await connect({ servers: broker.url });
    streams = await nats.jetstreamManager();
    await ensureStream(streams, {
      name: 'PUBLISHER_TEST',
      subjects: ['publisher-test.>'],
      duplicateWindowMs: 60_000,
      maxAgeMs: 60_000,
    });
    publisher = new JetStreamPublisher(nats, 300);
  });

  afterAll(async () => {
    publisher.close();
    await streams.streams.delete('PUBLISHER_TEST').catch(() => undefined);
    await nats.close();
    await broker.stop();
  });

  const messages = (prefix: string, count: number): StreamMessage[] =>
    Array.from({ length: count }, (_, index) => ({
      subject: `publisher-test.${prefix}`,
      data: JSON.stringify({ index }),
      messageId: `${prefix}-${index}`,
    }));
  const stored = async (prefix: string): Promise<number> =>
    (await streams.streams.info('PUBLISHER_TEST', { subjects_filter: `publisher-test.${prefix}` })).state.subjects?.[
      `publisher-test.${prefix}`
    ] ?? 0;

  it('resolves once the stream holds every message of the batch', async () => {
    await publisher.publish(messages('batch', 50));
    expect(await stored('batch')).toBe(50);
  });

  it('resolves for messages the stream already holds, and stores them once', async () => {
    await publisher.publish(messages('again', 5));
    await publisher.publish(messages('again', 5));
    expect(await stored('again')).toBe(5);
  });

  it('rejects a batch when no stream takes a subject', async () => {
    await expect(
      publisher.publish([...messages('batch', 1), { subject: 'nowhere.test', data: '{}', messageId: 'x' }]),
    ).rejects.toThrow(/JetStream refused the message: 503/);
  });

  it('rejects a batch that is not acknowledged in time', async () => {
    const silent = nats.subscribe('silent.test', { callback: () => undefined });
    await expect(publisher.publish([{ subject: 'silent.test', data: '{}', messageId: 'y' }])).rejects.toThrow(
      /did not acknowledge within 300 ms/,
    );
    silent.unsubscribe();
  });

  it('resolves an empty batch at once', async () => {
    await expect(publisher.publish([])).resolves.toBeUndefined();
  });
});
