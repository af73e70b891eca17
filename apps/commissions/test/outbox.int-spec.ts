import {
  EARNINGS_STREAM,
  earningMessageId,
  EventSubject,
  purchaseMessageId,
  RequestSubject,
  UplinesRequest,
  type EarningCredited,
  type PurchaseView,
  type Uplines,
} from '@app/contracts';
import { bootstrapService, type ServiceClient } from '@app/platform';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { startService, type ServiceHarness, ensureEarningsStream } from '@app/testing';
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

/** Each buyer's referrer, as the stand-in referrals service below reports it. */
const referrerOf = new Map<number, number>();

/** Answers upline requests on the real broker in place of the referrals service, so this test covers commissions alone. */
@Controller()
class StandInReferralsController {
  @MessagePattern(RequestSubject.GetUplines)
  uplines(@Payload() request: UplinesRequest): Uplines {
    return {
      uplines: request.userIds.map((userId) => {
        const referrer = referrerOf.get(userId);
        return { buyer: { id: userId, isActive: true }, upline: referrer ? [{ id: referrer, isActive: true }] : [] };
      }),
    };
  }
}

@Module({ controllers: [StandInReferralsController] })
class StandInReferralsModule {}

describe('commissions: earning events reach JetStream through the outbox', () => {
  let harness: ServiceHarness;
  let referrals: INestMicroservice;
  let nats: NatsConnection;
  let streams: JetStreamManager;
  const request: ServiceClient['request'] = (subject, payload) => harness.client.request(subject, payload);

  beforeAll(async () => {
    harness = await startService('commissions', ({ databaseUrl, natsUrl }) =>
      AppModule.with(
        Object.assign(new CommissionsConfig(), { DATABASE_URL: databaseUrl, NATS_URL: natsUrl, OUTBOX_RETRY_MS: 50 }),
      ),
    );
    referrals = await bootstrapService(StandInReferralsModule, 'referrals', harness.nats.url, 'error');
    nats = await connect({ servers: harness.nats.url });
    streams = await nats.jetstreamManager();
  });
  afterAll(async () => {
    await nats?.close();
    await referrals?.close();
    await harness?.stop();
  });

  let lastUserId = 0;
  function referredBuyer(): { referrer: number; buyer: number } {
    const [referrer, buyer] = [++lastUserId, ++lastUserId];
    referrerOf.set(buyer, referrer);
    return { referrer, buyer };
  }

  async function lastEvent(): Promise<{ payload: EarningCredited; msgId: string | undefined }> {
    const message = await streams.streams.getMessage(EARNINGS_STREAM.name, {
      last_by_subj: EARNINGS_STREAM.subjects[0],
    });
    return { payload: message.json<EarningCredited>(), msgId: message.header.get('Nats-Msg-Id') };
  }

  const outboxSize = async () => {
    const [{ waiting }] = await harness.app
      .get(DataSource)
      .query<{ waiting: number }[]>('SELECT COUNT(*) AS waiting FROM outbox');
    return Number(waiting);
  };

  it('publishes one event per credit and one per purchase, de-duplicated by their ids, and empties the outbox', async () => {
    const { referrer, buyer } = referredBuyer();
    const purchase = await request(RequestSubject.RecordPurchase, {
      purchaseKey: 'outbox-1',
      buyerId: buyer,
      amountPaise: 150_000,
    });
    const [credit] = await request(RequestSubject.GetEarningsSince, { userId: referrer, afterEarningId: 0, limit: 10 });
    await eventually(async () => {
      const { payload, msgId } = await lastEvent();
      expect(payload).toEqual(credit);
      expect(payload).toMatchObject({
        userId: referrer,
        amountPaise: 7_500,
        purchaseId: purchase.purchaseId,
        level: 1,
      });
      expect(msgId).toBe(earningMessageId(credit.earningId));
      const recorded = await streams.streams.getMessage(EARNINGS_STREAM.name, {
        last_by_subj: EventSubject.PurchaseRecorded,
      });
      expect(recorded.json<PurchaseView>()).toEqual(purchase);
      expect(recorded.header.get('Nats-Msg-Id')).toBe(purchaseMessageId(purchase.purchaseId));
      expect(await outboxSize()).toBe(0);
    });
  });

  it('keeps events in the outbox while JetStream cannot take them, and delivers them once it can', async () => {
    await streams.streams.delete(EARNINGS_STREAM.name);
    const { referrer, buyer } = referredBuyer();
    await request(RequestSubject.RecordPurchase, { purchaseKey: 'outbox-2', buyerId: buyer, amountPaise: 200_000 });
    // Committed with the purchase, before its answer: the credit's event and the purchase's.
    expect(await outboxSize()).toBe(2);

    await ensureEarningsStream(streams);
    await eventually(async () => {
      expect(await outboxSize()).toBe(0);
      const { payload } = await lastEvent();
      expect(payload).toMatchObject({ userId: referrer, amountPaise: 10_000, totalEarningsPaise: 10_000 });
    });
    // Every attempt during the outage failed, and none was lost or doubled: one credit, one purchase.
    expect((await streams.streams.info(EARNINGS_STREAM.name)).state.messages).toBe(2);
  });
});
