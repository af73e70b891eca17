import { DomainError, ErrorCode, RequestSubject } from '@app/contracts';
import type { ServiceClient } from '@app/platform';
import type { ServiceHarness } from '@app/testing';
import { startReferrals } from './referrals-harness';

describe('referrals service over NATS', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await startReferrals();
  });
  afterAll(() => harness?.stop());

  const request: ServiceClient['request'] = (subject, payload) => harness.client.request(subject, payload);

  async function chain(length: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < length; i++) {
      const user = await request(RequestSubject.CreateUser, { name: `U${i}` });
      if (ids.length > 0) {
        await request(RequestSubject.Refer, { referrerId: ids[ids.length - 1], userId: user.id });
      }
      ids.push(user.id);
    }
    return ids;
  }

  it('returns the upline nearest first, as deep as asked, with active flags', async () => {
    const [a, b, c, d] = await chain(4);
    await request(RequestSubject.SetUserActive, { userId: c, isActive: false });
    const upline = await request(RequestSubject.GetUpline, { userId: d, levels: 2 });
    expect(upline).toEqual({
      buyer: { id: d, isActive: true },
      upline: [
        { id: c, isActive: false },
        { id: b, isActive: true },
      ],
    });
    const full = await request(RequestSubject.GetUpline, { userId: d, levels: 10 });
    expect(full.upline.map((member) => member.id)).toEqual([c, b, a]);
  });

  it('refuses a cycle across a long chain', async () => {
    const ids = await chain(12);
    await expect(request(RequestSubject.Refer, { referrerId: ids[11], userId: ids[0] })).rejects.toMatchObject({
      code: ErrorCode.ReferralCycle,
    });
  });

  it('answers an unknown user with USER.NOT_FOUND and malformed payloads with VALIDATION.FAILED', async () => {
    // A DomainError that crossed the broker, with its code: the class alone would pass for any refusal.
    const upline = request(RequestSubject.GetUpline, { userId: 999_999, levels: 2 });
    await expect(upline).rejects.toBeInstanceOf(DomainError);
    await expect(upline).rejects.toMatchObject({ code: ErrorCode.UserNotFound });
    await expect(request(RequestSubject.GetUser, { userId: 999_999 })).rejects.toMatchObject({
      code: ErrorCode.UserNotFound,
    });
    await expect(request(RequestSubject.GetUser, { userId: -4 })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
  });

  it('keeps the data in its SQLite file across a restart of the service', async () => {
    const user = await request(RequestSubject.CreateUser, { name: 'Durable' });
    await harness.restart();
    await expect(request(RequestSubject.GetUser, { userId: user.id })).resolves.toMatchObject({ name: 'Durable' });
  });
});
