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

  it('answers every change with the user as it now is, its version one higher for each change', async () => {
    const [a, b] = await chain(2);
    await expect(request(RequestSubject.GetUser, { userId: b })).resolves.toMatchObject({ referredBy: a, version: 2 });
    const deactivated = await request(RequestSubject.SetUserActive, { userId: b, isActive: false });
    expect(deactivated).toMatchObject({ id: b, isActive: false, referredBy: a, version: 3 });
    // A repeat changes nothing, so its version stays.
    await expect(request(RequestSubject.SetUserActive, { userId: b, isActive: false })).resolves.toMatchObject({
      version: 3,
    });
    await expect(request(RequestSubject.SetUserActive, { userId: b, isActive: true })).resolves.toMatchObject({
      isActive: true,
      version: 4,
    });
    const c = await request(RequestSubject.CreateUser, { name: 'C' });
    expect(c.version).toBe(1);
    await expect(request(RequestSubject.Refer, { referrerId: b, userId: c.id })).resolves.toMatchObject({
      referrerId: b,
      userId: c.id,
      user: { id: c.id, referredBy: b, isActive: true, version: 2 },
    });
  });

  it('refuses a cycle across a long chain', async () => {
    const ids = await chain(12);
    await expect(request(RequestSubject.Refer, { referrerId: ids[11], userId: ids[0] })).rejects.toMatchObject({
      code: ErrorCode.ReferralCycle,
    });
  });

  it('answers an unknown user with USER.NOT_FOUND and malformed payloads with VALIDATION.FAILED', async () => {
    // A DomainError that crossed the broker, with its code: the class alone would pass for any refusal.
    const unknown = request(RequestSubject.GetUser, { userId: 999_999 });
    await expect(unknown).rejects.toBeInstanceOf(DomainError);
    await expect(unknown).rejects.toMatchObject({ code: ErrorCode.UserNotFound });
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
