import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { outsideRequests } from '@app/platform';
import { NotifierConfig } from '../config';
import { SecretBox } from './secret-box';
import { signDelivery } from './signing';
import { WebhookSender } from './webhook-sender';
import { WebhookStore, type ClaimedDelivery } from './webhook-store';

/** The `webhook-id` of a delivery: one per event and endpoint, the same on every try. */
export const webhookMessageId = (deliveryId: number): string => `msg_${deliveryId}`;

/**
 * Sends due deliveries. Retries live in the database (each delivery's next try), not in memory, so they
 * survive restarts; this loop looks for due ones on a timer and whenever new ones are made, keeps up to
 * WEBHOOK_CONCURRENCY tries in flight, and records each try before taking up more.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private again = false;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** Opened secrets by endpoint, while the sealed text is unchanged (rotation replaces it). */
  private readonly secrets = new Map<number, { sealed: string; secret: string }>();

  constructor(
    private readonly store: WebhookStore,
    private readonly sender: WebhookSender,
    private readonly box: SecretBox,
    private readonly config: NotifierConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.WEBHOOK_POLL_MS);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.polling;
    await Promise.all(this.inFlight);
    this.sender.close();
  }

  /** Looks for due deliveries now (or once more after the look under way). */
  kick(): void {
    if (this.stopping) {
      return;
    }
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = outsideRequests(() => this.poll()).finally(() => {
      this.polling = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async poll(): Promise<void> {
    try {
      for (;;) {
        const room = this.config.WEBHOOK_CONCURRENCY - this.inFlight.size;
        if (room <= 0 || this.stopping) {
          return;
        }
        const claims = await this.store.claimDueInOneTransaction(room);
        for (const claim of claims) {
          const running: Promise<void> = this.tryOnce(claim).finally(() => {
            this.inFlight.delete(running);
            this.kick();
          });
          this.inFlight.add(running);
        }
        if (claims.length < room) {
          return;
        }
      }
    } catch (error) {
      this.logger.warn(`Could not look for due webhook deliveries: ${String(error)}`);
    }
  }

  private async tryOnce(claim: ClaimedDelivery): Promise<void> {
    try {
      const attemptedAt = new Date();
      const headers = signDelivery(
        this.secretOf(claim),
        webhookMessageId(claim.id),
        Math.floor(attemptedAt.getTime() / 1000),
        claim.body,
      );
      const result = await this.sender.send(claim.url, headers, claim.body);
      await this.store.recordTryInOneTransaction(claim, result, attemptedAt);
    } catch (error) {
      // The lease runs out and the delivery falls due again: nothing is lost.
      this.logger.warn(`Webhook delivery ${claim.id} could not be tried: ${String(error)}`);
    }
  }

  private secretOf({ endpointId, sealedSecret }: ClaimedDelivery): string {
    const cached = this.secrets.get(endpointId);
    if (cached?.sealed === sealedSecret.ciphertext) {
      return cached.secret;
    }
    const secret = this.box.open(sealedSecret);
    this.secrets.set(endpointId, { sealed: sealedSecret.ciphertext, secret });
    return secret;
  }
}
