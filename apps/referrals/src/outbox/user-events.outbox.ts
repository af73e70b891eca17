import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { userEventMessageId, type PayloadOf } from '@app/contracts';
import { JetStreamConnection, outsideRequests, TransactionRunner } from '@app/platform';
import { In, type EntityManager } from 'typeorm';
import { ReferralsConfig } from '../config';
import { UserEventRow, type UserEventSubject } from './user-event.entity';

const BATCH_SIZE = 256;

/**
 * The referrals outbox: `add` writes an event inside the caller's transaction, and the drain moves committed
 * events to JetStream. Each carries its outbox row id as `Nats-Msg-Id`, so a republish after a crash between
 * publish and delete is dropped by JetStream; a row is deleted only once JetStream acknowledged it, so none is
 * lost, and a refused change (rolled back) leaves no row to announce. The same shape as commissions' outbox.
 */
@Injectable()
export class UserEventsOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UserEventsOutbox.name);
  private running?: Promise<void>;
  private requested = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: TransactionRunner,
    private readonly jetStream: JetStreamConnection,
    private readonly config: ReferralsConfig,
  ) {}

  /** Records an event in the transaction of `manager`; call `publishSoon` once that transaction committed. */
  async add<S extends UserEventSubject>(manager: EntityManager, subject: S, payload: PayloadOf<S>): Promise<void> {
    await manager.insert(UserEventRow, { subject, payload: JSON.stringify(payload) });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.publishSoon(), this.config.OUTBOX_RETRY_MS);
    this.publishSoon();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Starts a drain, or asks the running one to go round again: never two at once. */
  publishSoon(): void {
    this.requested = true;
    this.running ??= outsideRequests(() => this.drain()).finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    try {
      while (this.requested) {
        this.requested = false;
        let batch: UserEventRow[];
        do {
          batch = await this.db.read((manager) =>
            manager.find(UserEventRow, { order: { id: 'ASC' }, take: BATCH_SIZE }),
          );
          await this.publish(batch);
        } while (batch.length === BATCH_SIZE);
      }
    } catch (error) {
      this.logger.warn(`User events wait in the outbox: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async publish(batch: UserEventRow[]): Promise<void> {
    if (batch.length === 0) {
      return;
    }
    await this.jetStream.publish(
      batch.map((row) => ({ subject: row.subject, data: row.payload, messageId: userEventMessageId(row.id) })),
    );
    await this.db.write((manager) => manager.delete(UserEventRow, { id: In(batch.map((row) => row.id)) }));
  }
}
