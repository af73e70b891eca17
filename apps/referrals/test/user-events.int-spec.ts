import { DomainError, EventSubject, RequestSubject, USERS_STREAM, userEventMessageId } from '@app/contracts';
import type { ServiceClient } from '@app/platform';
import { connect, type NatsConnection } from 'nats';
import { eventually } from '@app/testing';
import type { ServiceHarness } from '@app/testing';
import { startReferrals } from './referrals-harness';

/** The user events outbox: every committed change reaches the USERS stream once, a refused one never. */
describe('referrals user events', () => {
  let harness: ServiceHarness;
  let nats: NatsConnection;

  beforeAll(async () => {
    harness = await startReferrals();
    nats = await connect({ servers: harness.nats.url });
  });
  afterAll(async () => {
    await nats?.close();
    await harness?.stop();
  });

  const request: ServiceClient['request'] = (subject, payload) => harness.client.request(subject, payload);

  /** Every message in the stream, oldest first, with its de-duplication id. */
  async function streamed(): Promise<{ subject: string; payload: Record<string, unknown>; msgId?: string }[]> {
    const manager = await nats.jetstreamManager();
    const { state } = await manager.streams.info(USERS_STREAM.name);
    const messages = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await manager.streams.getMessage(USERS_STREAM.name, { seq });
      messages.push({
        subject: message.subject,
        payload: message.json<Record<string, unknown>>(),
        msgId: message.header.get('Nats-Msg-Id') || undefined,
      });
    }
    return messages;
  }

  it('announces creations, referrals and real status changes, each once; refused or repeated ones not at all', async () => {
    const alice = await request(RequestSubject.CreateUser, { name: 'Alice' });
    const bob = await request(RequestSubject.CreateUser, { name: 'Bob' });
    await request(RequestSubject.Refer, { referrerId: alice.id, userId: bob.id });
    await expect(request(RequestSubject.Refer, { referrerId: bob.id, userId: bob.id })).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(request(RequestSubject.Refer, { referrerId: bob.id, userId: alice.id })).rejects.toBeInstanceOf(
      DomainError,
    );
    await request(RequestSubject.SetUserActive, { userId: bob.id, isActive: false });
    await request(RequestSubject.SetUserActive, { userId: bob.id, isActive: false });
    await request(RequestSubject.SetUserActive, { userId: bob.id, isActive: true });

    let messages: Awaited<ReturnType<typeof streamed>> = [];
    await eventually(async () => (messages = await streamed()).length >= 5, 'five user events');
    await new Promise((resolve) => setTimeout(resolve, 600)); // a retry round of the outbox: still five
    messages = await streamed();
    expect(messages.map(({ subject }) => subject)).toEqual([
      EventSubject.UserCreated,
      EventSubject.UserCreated,
      EventSubject.UserReferred,
      EventSubject.UserStatusChanged,
      EventSubject.UserStatusChanged,
    ]);
    expect(messages[0].payload).toMatchObject({ id: alice.id, name: 'Alice', isActive: true, referredBy: null });
    expect(messages[2].payload).toEqual({
      referrerId: alice.id,
      userId: bob.id,
      timestamp: expect.stringMatching(/Z$/),
    });
    expect(messages[3].payload).toMatchObject({ userId: bob.id, isActive: false });
    expect(messages[4].payload).toMatchObject({ userId: bob.id, isActive: true });
    expect(new Set(messages.map(({ msgId }) => msgId)).size).toBe(5);
    expect(messages[0].msgId).toMatch(/^user-event-\d+$/);
    expect(userEventMessageId(7)).toBe('user-event-7');
  });
});
