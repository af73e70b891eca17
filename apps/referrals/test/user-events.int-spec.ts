import { DomainError, EventSubject, RequestSubject, USERS_STREAM, userEventMessageId } from '@app/contracts';
import type { ServiceClient } from '@app/platform';
import { connect, type NatsConnection } from 'nats';
import { eventually } from '@app/testing';
import type { ServiceHarness } from '@app/testing';
import { startReferrals } from './referrals-harness';

/**
 * The user events outbox: every committed change reaches the USERS stream once, a refused one never, each
 * followed by the member change that carries the whole user and its version (commissions' copy of the tree).
 */
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
  async function streamed(): Promise<{ subject: EventSubject; payload: Record<string, unknown>; msgId?: string }[]> {
    const manager = await nats.jetstreamManager();
    const { state } = await manager.streams.info(USERS_STREAM.name);
    const messages = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await manager.streams.getMessage(USERS_STREAM.name, { seq });
      messages.push({
        subject: message.subject as EventSubject,
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
    await eventually(async () => (messages = await streamed()).length >= 10, 'ten user events');
    await new Promise((resolve) => setTimeout(resolve, 600)); // a retry round of the outbox: still ten
    messages = await streamed();
    const announced = messages.filter(({ subject }) => subject !== EventSubject.MemberChanged);
    expect(announced.map(({ subject }) => subject)).toEqual([
      EventSubject.UserCreated,
      EventSubject.UserCreated,
      EventSubject.UserReferred,
      EventSubject.UserStatusChanged,
      EventSubject.UserStatusChanged,
    ]);
    expect(announced[0].payload).toMatchObject({ id: alice.id, name: 'Alice', isActive: true, referredBy: null });
    expect(announced[2].payload).toEqual({
      referrerId: alice.id,
      userId: bob.id,
      timestamp: expect.stringMatching(/Z$/),
    });
    expect(announced[3].payload).toMatchObject({ userId: bob.id, isActive: false });
    expect(announced[4].payload).toMatchObject({ userId: bob.id, isActive: true });
    const member = (userId: number, referredBy: number | null, isActive: boolean, version: number) => ({
      userId,
      name: userId === alice.id ? 'Alice' : 'Bob',
      referredBy,
      isActive,
      version,
    });
    expect(messages.filter(({ subject }) => subject === EventSubject.MemberChanged).map((m) => m.payload)).toEqual([
      member(alice.id, null, true, 1),
      member(bob.id, null, true, 1),
      member(bob.id, alice.id, true, 2),
      member(bob.id, alice.id, false, 3),
      member(bob.id, alice.id, true, 4),
    ]);
    expect(new Set(messages.map(({ msgId }) => msgId)).size).toBe(10);
    expect(messages[0].msgId).toMatch(/^user-event-\d+$/);
    expect(userEventMessageId(7)).toBe('user-event-7');
  });
});
