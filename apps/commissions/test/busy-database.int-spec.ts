import { ErrorCode, RequestSubject } from '@app/contracts';
import type { ServiceClient } from '@app/platform';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { joinMembers, startService, type ServiceHarness } from '@app/testing';
import { AppModule } from '../src/app.module';
import { CommissionsConfig } from '../src/config';

describe('commissions when its database is locked by someone else', () => {
  let harness: ServiceHarness;
  const request: ServiceClient['request'] = (subject, payload) => harness.client.request(subject, payload);

  beforeAll(async () => {
    harness = await startService('commissions', ({ databaseUrl, natsUrl }) =>
      AppModule.with(
        Object.assign(new CommissionsConfig(), {
          DATABASE_URL: databaseUrl,
          NATS_URL: natsUrl,
          DATABASE_BUSY_TIMEOUT_MS: 100,
        }),
      ),
    );
    await joinMembers(harness.client, [{ userId: 1 }, { userId: 2, referredBy: 1 }]);
  });
  afterAll(() => harness?.stop());

  it('retries a few times, then answers SERVICE.UNAVAILABLE with nothing written; works once the lock is gone', async () => {
    const intruder = new Database(join(harness.dataDir, 'commissions.sqlite'));
    intruder.exec('BEGIN IMMEDIATE'); // holds the write lock, as a stuck process or a backup would
    try {
      await expect(
        request(RequestSubject.RecordPurchase, { purchaseKey: 'busy-1', buyerId: 2, amountPaise: 150_000 }),
      ).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable, message: expect.stringMatching(/busy/) });
    } finally {
      intruder.exec('ROLLBACK');
    }
    const purchases = () => intruder.prepare('SELECT COUNT(*) AS n FROM purchases').get() as { n: number };
    expect(purchases().n).toBe(0);

    const accepted = await request(RequestSubject.RecordPurchase, {
      purchaseKey: 'busy-1',
      buyerId: 2,
      amountPaise: 150_000,
    });
    expect(accepted.commissions).toEqual([{ userId: 1, level: 1, amountPaise: 7_500, status: 'credited' }]);
    expect(purchases().n).toBe(1);
    intruder.close();
  });
});
