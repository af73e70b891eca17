import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { earningMessageId, EventSubject } from '@app/contracts';
import { JetStreamConnection, outsideRequests, TransactionRunner } from '@app/platform';
import { In } from 'typeorm';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from '../config';
import { OutboxEntry } from './outbox-entry.entity';

const BATCH_SIZE = 256;

/**
 * Moves committed earning events from the outbox table to JetStream. Each event carries its earning id as
 * `Nats-Msg-Id`, so publishing one twice (after a crash between publish and delete) is dropped by JetStream;
 * an event is deleted only once JetStream has acknowledged it, so none is lost. Runs right after each credit
 * and on a timer that retries whatever a broker outage left behind.
 */
@Injectable()
export class OutboxPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxPublisher.name);
  private running?: Promise<void>;
  private requested = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: TransactionRunner,
    private readonly jetStream: JetStreamConnection,
    @Inject(COMMISSIONS_CONFIG) private readonly config: CommissionsConfig,
  ) {}

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
    // A purchase starts the drain, but the drain serves every purchase: it runs outside that request's context.
    this.running ??= outsideRequests(() => this.drain()).finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    try {
      while (this.requested) {
        this.requested = false;
        let batch: OutboxEntry[];
        do {
          batch = await this.db.read((manager) =>
            manager.find(OutboxEntry, { order: { id: 'ASC' }, take: BATCH_SIZE }),
          );
          await this.publish(batch);
        } while (batch.length === BATCH_SIZE);
      }
    } catch (error) {
      this.logger.warn(`Earning events wait in the outbox: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async publish(batch: OutboxEntry[]): Promise<void> {
    if (batch.length === 0) {
      return;
    }
    const js = this.jetStream.jetstream;
    await Promise.all(
      batch.map((entry) =>
        js.publish(EventSubject.EarningCredited, JSON.stringify(entry.payload), {
          msgID: earningMessageId(entry.payload.earningId),
        }),
      ),
    );
    await this.db.write((manager) => manager.delete(OutboxEntry, { id: In(batch.map((entry) => entry.id)) }));
  }
}
