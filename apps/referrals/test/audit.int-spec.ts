import { AuditAction, ErrorCode, RequestSubject } from '@app/contracts';
import type { ServiceClient } from '@app/platform';
import type { ServiceHarness } from '@app/testing';
import { startReferrals } from './referrals-harness';

describe('referrals service: the audit log over NATS', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await startReferrals();
  });
  afterAll(() => harness?.stop());

  const request: ServiceClient['request'] = (subject, payload) => harness.client.request(subject, payload);

  it('keeps entries with their users and details, lists them newest first and by user', async () => {
    const first = await request(RequestSubject.RecordAudit, {
      actor: 'ops',
      action: AuditAction.UserReferred,
      userIds: [2, 1, 2],
      details: { referrer_id: 1, user_id: 2 },
    });
    const second = await request(RequestSubject.RecordAudit, {
      actor: 'admin',
      action: AuditAction.UserDeactivated,
      userIds: [2],
    });
    expect(second.auditId).toBeGreaterThan(first.auditId);

    const all = await request(RequestSubject.ListAudit, { limit: 10 });
    expect(all.entries.map((entry) => entry.auditId)).toEqual([second.auditId, first.auditId]);
    expect(all.entries[1]).toEqual({
      auditId: first.auditId,
      actor: 'ops',
      action: AuditAction.UserReferred,
      userIds: [1, 2],
      details: { referrer_id: 1, user_id: 2 },
      timestamp: expect.stringMatching(/Z$/),
    });
    expect((await request(RequestSubject.ListAudit, { userId: 1, limit: 10 })).entries).toHaveLength(1);
    expect((await request(RequestSubject.ListAudit, { userId: 2, limit: 10 })).entries).toHaveLength(2);
    expect((await request(RequestSubject.ListAudit, { userId: 3, limit: 10 })).entries).toEqual([]);
  });

  it('pages with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await request(RequestSubject.RecordAudit, { actor: 'ops', action: AuditAction.TokenMinted, userIds: [50] });
    }
    const first = await request(RequestSubject.ListAudit, { userId: 50, limit: 3 });
    expect(first.entries).toHaveLength(3);
    const second = await request(RequestSubject.ListAudit, { userId: 50, limit: 3, beforeId: first.nextCursor! });
    expect(second.entries).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(second.entries[0].auditId).toBeLessThan(first.entries[2].auditId);
  });

  it('refuses an entry with a bad actor or action, or oversized details', async () => {
    const refusals = [
      { actor: 'has space', action: AuditAction.UserCreated, userIds: [1] },
      { actor: 'ops', action: 'user.exploded' as AuditAction, userIds: [1] },
      { actor: 'ops', action: AuditAction.UserCreated, userIds: [0] },
      { actor: 'ops', action: AuditAction.UserCreated, userIds: [1], details: { note: 'x'.repeat(3_000) } },
    ];
    for (const payload of refusals) {
      await expect(request(RequestSubject.RecordAudit, payload)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
      });
    }
  });
});
