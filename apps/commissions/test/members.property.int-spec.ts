import { EventSubject, RequestSubject, type MemberChange, type ReferralsView } from '@app/contracts';
import fc from 'fast-check';
import { connect, type NatsConnection } from 'nats';
import { eventually, type ServiceHarness } from '@app/testing';
import { startCommissions, type CommissionsUnderTest } from './commissions-harness';

/** The referrers a member may have in a scenario (or none). */
const PARENTS = [1, 2, 3];

/**
 * One member's changes, versions 1 to n, each a state it may have had (active or not, under any parent), and
 * the order they arrive in: every change at least once, some again, shuffled, split between the gateway's
 * request and the USERS stream.
 */
const scenario = fc
  .array(fc.record({ isActive: fc.boolean(), parent: fc.constantFrom(0, ...PARENTS) }), {
    minLength: 1,
    maxLength: 6,
  })
  .chain((states) =>
    fc.record({
      states: fc.constant(states),
      arrivals: fc
        .tuple(
          fc.shuffledSubarray(
            states.map((_, index) => index),
            { minLength: states.length },
          ),
          fc.array(fc.nat({ max: states.length - 1 }), { maxLength: 4 }),
        )
        .chain(([all, repeats]) =>
          fc.shuffledSubarray([...all, ...repeats], { minLength: all.length + repeats.length }),
        ),
      throughStream: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    }),
  );

describe.each(['sqlite', 'postgres'] as const)("commissions' copy of the tree (%s)", (database) => {
  let harness: ServiceHarness;
  let nats: NatsConnection;
  let commissions: CommissionsUnderTest;

  beforeAll(async () => {
    commissions = await startCommissions(database);
    harness = commissions.harness;
    nats = await connect({ servers: harness.nats.url });
    await apply(PARENTS.map((userId) => change(userId, { isActive: true, parent: 0 }, 1)));
  });
  afterAll(async () => {
    await nats?.drain();
    await commissions?.stop();
  });

  const apply = (changes: MemberChange[]) => harness.client.request(RequestSubject.ApplyMemberChanges, { changes });
  const referralsOf = (userId: number): Promise<ReferralsView> =>
    harness.client.request(RequestSubject.GetReferrals, { userId });
  const change = (userId: number, state: { isActive: boolean; parent: number }, version: number): MemberChange => ({
    userId,
    // Names never change in referrals; here the version is in it, so that a read shows which one applied.
    name: `Member ${userId} v${version}`,
    referredBy: state.parent === 0 ? null : state.parent,
    isActive: state.isActive,
    version,
  });

  /** Whether commissions' consumer of member changes has taken and acknowledged everything in the stream. */
  const streamDrained = async (): Promise<boolean> => {
    const info = await (await nats.jetstreamManager()).consumers.info('USERS', 'commissions-members');
    return info.num_pending === 0 && info.num_ack_pending === 0;
  };

  let lastUserId = 100;

  it('ends at the newest version whatever the order, the repeats and the path each change took', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ states, arrivals, throughStream }) => {
        const userId = ++lastUserId;
        const changes = states.map((state, index) => change(userId, state, index + 1));
        for (const [position, index] of arrivals.entries()) {
          if (throughStream[position % throughStream.length]) {
            await nats.jetstream().publish(EventSubject.MemberChanged, JSON.stringify(changes[index]));
          } else {
            await apply([changes[index]]);
          }
        }
        const newest = states[states.length - 1];
        await eventually(streamDrained, 'the member changes of the stream to be applied');
        const views = await Promise.all(PARENTS.map(referralsOf));
        for (const view of views) {
          const listed = view.direct.find((member) => member.id === userId);
          if (view.userId === newest.parent) {
            expect(listed).toEqual({
              id: userId,
              name: changes[changes.length - 1].name,
              isActive: newest.isActive,
              earnedPaise: 0,
            });
          } else {
            expect(listed).toBeUndefined();
          }
        }
        await expect(referralsOf(userId)).resolves.toMatchObject({ userId, direct: [], indirect: [] });
        // A stale change sent afterwards changes nothing.
        await expect(apply([changes[0]])).resolves.toEqual({ applied: 0 });
      }),
      { numRuns: 25 },
    );
  });

  it('answers USER.NOT_FOUND for a user the copy does not hold, and 0 earned for a member who paid nothing', async () => {
    await expect(referralsOf(99_999)).rejects.toMatchObject({ code: 'USER.NOT_FOUND' });
    await expect(
      harness.client.request(RequestSubject.GetEarnings, { userId: 99_999, limit: 10 }),
    ).rejects.toMatchObject({ code: 'USER.NOT_FOUND' });
    await expect(harness.client.request(RequestSubject.GetEarnings, { userId: 1, limit: 10 })).resolves.toMatchObject({
      userId: 1,
      totalPaise: 0,
      details: [],
    });
  });
});
