import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { decodeMessage, EventSubject, MemberChange, USERS_STREAM } from '@app/contracts';
import { JetStreamConnection } from '@app/platform';
import type { ConsumerMessages, JsMsg } from 'nats';
import { MembersService } from './members.service';

/** One durable consumer for every commissions process: JetStream gives each change to one of them. */
const CONSUMER = 'commissions-members';
const ACK_WAIT_MS = 30_000;
/** The pause before a change whose applying failed is offered again. */
const RETRY_DELAY_MS = 1_000;

/**
 * Applies the member changes of the USERS stream to `members`, from the start of the stream on first
 * creation. A message is acknowledged only once its change committed, so a crash or a broker restart in between
 * makes JetStream offer it again, and applying it again changes nothing (its version is no longer newer).
 */
@Injectable()
export class MembersIntake implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MembersIntake.name);
  private messages?: ConsumerMessages;
  /** Changes that arrived in the current turn of the event loop: applied together, in one transaction. */
  private arrived: JsMsg[] = [];

  constructor(
    private readonly connection: JetStreamConnection,
    private readonly members: MembersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.messages = await this.connection.consumeDurable(
      USERS_STREAM.name,
      CONSUMER,
      { ackWaitMs: ACK_WAIT_MS, filterSubject: EventSubject.MemberChanged },
      (message) => this.arrive(message),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.messages?.close();
  }

  private arrive(message: JsMsg): void {
    if (this.arrived.push(message) === 1) {
      setImmediate(() => void this.applyArrived());
    }
  }

  private async applyArrived(): Promise<void> {
    const batch = this.arrived;
    this.arrived = [];
    const taken: { message: JsMsg; change: MemberChange }[] = [];
    for (const message of batch) {
      const change = decodeMessage(MemberChange, message.string());
      if (change) {
        taken.push({ message, change });
      } else {
        this.logger.warn(`Skipping a malformed member change (stream ${USERS_STREAM.name}, seq ${message.seq})`);
        message.term();
      }
    }
    if (taken.length === 0) {
      return;
    }
    try {
      await this.members.apply(taken.map(({ change }) => change));
      taken.forEach(({ message }) => message.ack());
    } catch (error) {
      this.logger.warn(`Could not apply ${taken.length} member changes; they will be offered again: ${String(error)}`);
      taken.forEach(({ message }) => message.nak(RETRY_DELAY_MS));
    }
  }
}
