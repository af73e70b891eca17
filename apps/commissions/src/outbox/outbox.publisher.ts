import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JetStreamConnection, outsideRequests } from '@app/platform';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from '../config';
import { LedgerRepository, type OutboxEvent } from '../ledger/ledger.repository';

const BATCH_SIZE = 256;

/**
 * Moves committed events from the outbox to JetStream.
 *
 * The fast path: a transaction that committed events hands them over as they are (`publishCommitted`), so
 * they reach JetStream without being read back; once JetStream has acknowledged them their rows are deleted
 * in a later transaction (on SQLite, the next group commit). The slow path, on a timer, reads back whatever a
 * crash or a broker outage left in the outbox and publishes it. Each event carries a de-duplication id
 * (`Nats-Msg-Id`), so an event published twice (by both paths, by two instances, or after a crash between
 * publish and delete) is dropped by JetStream; a row is deleted only once JetStream has acknowledged it, so
 * none is lost.
 */
@Injectable()
export class OutboxPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxPublisher.name);
  /** Outbox ids being published or waiting to be deleted: the slow path leaves them alone. */
  private readonly inFlight = new Set<number>();
  private readonly acknowledged: number[] = [];
  private deleting?: Promise<void>;
  private draining?: Promise<void>;
  private drainAgain = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly jetStream: JetStreamConnection,
    @Inject(COMMISSIONS_CONFIG) private readonly config: CommissionsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.drainSoon(), this.config.OUTBOX_RETRY_MS);
    this.drainSoon();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.draining;
    await this.deleting;
  }

  /** Publishes the events of a transaction that has just committed. */
  publishCommitted(events: OutboxEvent[]): void {
    if (events.length === 0) {
      return;
    }
    // A purchase hands its events over, but their publishing serves no one request: it runs outside its context.
    void outsideRequests(() => this.publish(events)).catch((error: unknown) => {
      this.logger.warn(`Events wait in the outbox: ${describe(error)}`);
    });
  }

  /** Starts a read-back of the outbox, or asks the running one to go round again: never two at once. */
  drainSoon(): void {
    this.drainAgain = true;
    this.draining ??= outsideRequests(() => this.drain()).finally(() => (this.draining = undefined));
  }

  private async drain(): Promise<void> {
    try {
      while (this.drainAgain) {
        this.drainAgain = false;
        for (;;) {
          const batch = await this.ledger.read((tx) => this.ledger.waitingEvents(tx, BATCH_SIZE));
          const waiting = batch.filter((event) => !this.inFlight.has(event.outboxId));
          if (waiting.length === 0) {
            break;
          }
          await this.publish(waiting);
          if (batch.length < BATCH_SIZE) {
            break;
          }
        }
      }
    } catch (error) {
      this.logger.warn(`Events wait in the outbox: ${describe(error)}`);
    }
  }

  private async publish(events: OutboxEvent[]): Promise<void> {
    events.forEach((event) => this.inFlight.add(event.outboxId));
    try {
      await this.jetStream.publish(
        events.map(({ subject, payload, messageId }) => ({ subject, data: JSON.stringify(payload), messageId })),
      );
    } catch (error) {
      // Not acknowledged: the slow path takes them up again.
      events.forEach((event) => this.inFlight.delete(event.outboxId));
      throw error;
    }
    this.acknowledged.push(...events.map((event) => event.outboxId));
    this.deleting ??= this.deleteAcknowledged().finally(() => (this.deleting = undefined));
  }

  /** Deletes acknowledged rows, a batch per transaction, until none is left. */
  private async deleteAcknowledged(): Promise<void> {
    while (this.acknowledged.length > 0) {
      const batch = this.acknowledged.splice(0, BATCH_SIZE);
      try {
        await this.ledger.write((tx) => this.ledger.deleteEvents(tx, batch));
      } catch (error) {
        // Still in the outbox: the slow path publishes them again, and JetStream drops the duplicates.
        this.logger.warn(`Published events stay in the outbox for now: ${describe(error)}`);
      }
      batch.forEach((id) => this.inFlight.delete(id));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
