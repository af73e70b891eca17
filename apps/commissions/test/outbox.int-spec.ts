import {
  EARNINGS_STREAM,
  EventSubject,
  purchaseMessageId,
  RequestSubject,
  type PurchaseRecorded,
} from '@app/contracts';
import type { ServiceClient } from '@app/platform';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { ensureEarningsStream, joinMembers, startService, type ServiceHarness } from '@app/testing';
import { AppModule } from '../src/app.module';
import { CommissionsConfig } from '../src/config';

/** Polls until `check` passes or a generous deadline ends (not a timing assertion: it only avoids hanging). */
async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('commissions: earning events reach JetStream through the outbox', () => {
  let harness: ServiceHarness;
  let nats: NatsConnection;
  let streams: JetStreamManager;
  const request: ServiceClient['request'] = (subject, payload) => harness.client.request(subject, payload);

  beforeAll(async () => {
    harness = await startService('commissions', ({ databaseUrl, natsUrl }) =>
      AppModule.with(
        Object.assign(new CommissionsConfig(), { DATABASE_URL: databaseUrl, NATS_URL: natsUrl, OUTBOX_RETRY_MS: 50 }),
      ),
    );
    nats = await connect({ servers: harness.nats.url });
    streams = await nats.jetstreamManager();
  });
  afterAll(async () => {
    await nats?.close();
    await harness?.stop();
  });

  let lastUserId = 0;
  async function referredBuyer(): Promise<{ referrer: number; buyer: number }> {
    const [referrer, buyer] = [++lastUserId, ++lastUserId];
    await joinMembers(harness.client, [{ userId: referrer }, { userId: buyer, referredBy: referrer }]);
    return { referrer, buyer };
  }

  async function lastPurchaseEvent(): Promise<{ payload: PurchaseRecorded; msgId: string | undefined }> {
    const message = await streams.streams.getMessage(EARNINGS_STREAM.name, {
      last_by_subj: EventSubject.PurchaseRecorded,
    });
    return { payload: message.json<PurchaseRecorded>(), msgId: message.header.get('Nats-Msg-Id') };
  }

  const outboxSize = async () => {
    const [{ waiting }] = await harness.app
      .get(DataSource)
      .query<{ waiting: number }[]>('SELECT COUNT(*) AS waiting FROM outbox');
    return Number(waiting);
  };

  it("publishes one event per purchase, carrying its credits, de-duplicated by the purchase's id, and empties the outbox", async () => {
    const { referrer, buyer } = await referredBuyer();
    const before = (await streams.streams.info(EARNINGS_STREAM.name)).state.messages;
    const purchase = await request(RequestSubject.RecordPurchase, {
      purchaseKey: 'outbox-1',
      buyerId: buyer,
      amountPaise: 150_000,
    });
    const [credit] = await request(RequestSubject.GetEarningsSince, { userId: referrer, afterEarningId: 0, limit: 10 });
    expect(credit).toMatchObject({ userId: referrer, amountPaise: 7_500, purchaseId: purchase.purchaseId, level: 1 });
    await eventually(async () => {
      const { payload, msgId } = await lastPurchaseEvent();
      // The purchase as answered, and each credit as the history has it.
      expect(payload).toEqual({ ...purchase, credits: [credit] });
      expect(msgId).toBe(purchaseMessageId(purchase.purchaseId));
      expect((await streams.streams.info(EARNINGS_STREAM.name)).state.messages).toBe(before + 1);
      expect(await outboxSize()).toBe(0);
    });
  });

  it('keeps events in the outbox while JetStream cannot take them, and delivers them once it can', async () => {
    await streams.streams.delete(EARNINGS_STREAM.name);
    const { referrer, buyer } = await referredBuyer();
    await request(RequestSubject.RecordPurchase, { purchaseKey: 'outbox-2', buyerId: buyer, amountPaise: 200_000 });
    // Committed with the purchase, before its answer: one event, for the purchase and its credit.
    expect(await outboxSize()).toBe(1);

    await ensureEarningsStream(streams);
    await eventually(async () => {
      expect(await outboxSize()).toBe(0);
      // Read back from the outbox: the credits come from the earnings rows.
      const { payload } = await lastPurchaseEvent();
      expect(payload.credits).toEqual([
        expect.objectContaining({ userId: referrer, amountPaise: 10_000, totalEarningsPaise: 10_000 }),
      ]);
    });
    // Every attempt during the outage failed, and none was lost or doubled: one purchase with its credit.
    expect((await streams.streams.info(EARNINGS_STREAM.name)).state.messages).toBe(1);
  });
});
