import { Injectable } from '@nestjs/common';
import { ALL_WEBHOOK_EVENTS, DeliveryStatus, type WebhookEventFilter, type WebhookEventType } from '@app/contracts';
import { rawQuery, TransactionRunner } from '@app/platform';
import { NotifierConfig } from '../config';
import { afterAttempt } from './retry-schedule';
import type { TryResult } from './webhook-sender';
import { webhookBody, type WebhookEvent } from './webhook-events';
import {
  eventFiltersOf,
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookEndpointRow,
  WebhookEventRow,
} from './webhook.entities';

/** A delivery taken for one try. */
export interface ClaimedDelivery {
  id: number;
  endpointId: number;
  eventId: number;
}

/** A try is given up as lost (its process died) this long after its timeout, and becomes due again. */
const LEASE_MARGIN_MS = 5_000;

export const subscribes = (filters: readonly WebhookEventFilter[], type: WebhookEventType): boolean =>
  filters.includes(ALL_WEBHOOK_EVENTS) || filters.includes(type);

/**
 * The statements of the delivery path, each method one transaction: storing an event with its deliveries,
 * claiming due deliveries, and recording a try.
 */
@Injectable()
export class WebhookStore {
  constructor(
    private readonly db: TransactionRunner,
    private readonly config: NotifierConfig,
  ) {}

  /**
   * In one transaction: the event, once per source message (a redelivered message finds it and adds nothing),
   * and a pending delivery, due now, for each enabled endpoint that subscribes to its type. An event no
   * endpoint wants is not kept. Returns how many deliveries were made.
   */
  recordEventInOneTransaction(sourceKey: string, event: WebhookEvent): Promise<number> {
    return this.db.write(async (manager) => {
      if (await manager.existsBy(WebhookEventRow, { sourceKey })) {
        return 0;
      }
      const endpoints = (await manager.findBy(WebhookEndpointRow, { enabled: true })).filter((endpoint) =>
        subscribes(eventFiltersOf(endpoint), event.type),
      );
      if (endpoints.length === 0) {
        return 0;
      }
      const now = new Date().toISOString();
      const { identifiers } = await manager.insert(WebhookEventRow, {
        sourceKey,
        type: event.type,
        body: webhookBody(event),
        createdAt: now,
      });
      const eventId = Number((identifiers[0] as { id: number }).id);
      await manager.insert(
        WebhookDeliveryRow,
        endpoints.map((endpoint) => ({
          endpointId: endpoint.id,
          eventId,
          type: event.type,
          status: DeliveryStatus.Pending,
          attempts: 0,
          lastStatusCode: null,
          lastError: null,
          nextAttemptAt: now,
          createdAt: now,
          deliveredAt: null,
        })),
      );
      return endpoints.length;
    });
  }

  /**
   * Takes up to `limit` due deliveries of enabled endpoints for a try, in one statement: their next try moves
   * to the end of a lease (the timeout and a margin), so no other process takes them meanwhile, and one whose
   * process dies mid-try falls due again by itself. PostgreSQL skips rows another process is claiming.
   */
  claimDueInOneTransaction(limit: number): Promise<ClaimedDelivery[]> {
    const now = Date.now();
    const skipLocked = this.db.dialect === 'postgres' ? 'FOR UPDATE OF d SKIP LOCKED' : '';
    return this.db.write(async (manager) => {
      const rows = await rawQuery<{ id: number; endpoint_id: number; event_id: number }>(
        manager,
        `UPDATE webhook_deliveries SET next_attempt_at = :lease
         WHERE id IN (
           SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
           WHERE d.status = :pending AND d.next_attempt_at <= :now AND e.enabled = TRUE
           ORDER BY d.next_attempt_at LIMIT :limit ${skipLocked}
         )
         RETURNING id, endpoint_id, event_id`,
        {
          lease: new Date(now + this.config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS).toISOString(),
          pending: DeliveryStatus.Pending,
          now: new Date(now).toISOString(),
          limit,
        },
      );
      return rows.map((row) => ({
        id: Number(row.id),
        endpointId: Number(row.endpoint_id),
        eventId: Number(row.event_id),
      }));
    });
  }

  /** The endpoint and the event body of a claimed delivery; null when the endpoint was deleted meanwhile. */
  async loadForTry(claim: ClaimedDelivery): Promise<{ endpoint: WebhookEndpointRow; event: WebhookEventRow } | null> {
    return this.db.read(async (manager) => {
      const endpoint = await manager.findOneBy(WebhookEndpointRow, { id: claim.endpointId });
      const event = await manager.findOneBy(WebhookEventRow, { id: claim.eventId });
      return endpoint && event ? { endpoint, event } : null;
    });
  }

  /**
   * Records a try in one transaction: the attempt row, the delivery's new status and next try, and the
   * endpoint's run of failures (a success ends it; five days of it disables the endpoint, saying so).
   */
  recordTryInOneTransaction(claim: ClaimedDelivery, result: TryResult, attemptedAt: Date): Promise<void> {
    return this.db.write(async (manager) => {
      const delivery = await manager.findOneBy(WebhookDeliveryRow, { id: claim.id });
      const endpoint = await manager.findOneBy(WebhookEndpointRow, { id: claim.endpointId });
      if (!delivery || !endpoint) {
        return; // deleted while the try was under way
      }
      const now = new Date();
      const outcome = afterAttempt({
        attemptsBefore: delivery.attempts,
        succeeded: result.ok,
        now,
        schedule: this.config.retrySchedule,
        failingSince: endpoint.failingSince === null ? null : new Date(endpoint.failingSince),
        disableAfterMs: this.config.WEBHOOK_DISABLE_AFTER_MS,
      });
      await manager.insert(WebhookAttemptRow, {
        deliveryId: delivery.id,
        attemptedAt: attemptedAt.toISOString(),
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
      });
      await manager.update(
        WebhookDeliveryRow,
        { id: delivery.id },
        {
          status: outcome.status,
          attempts: outcome.attempts,
          lastStatusCode: result.statusCode,
          lastError: result.error,
          nextAttemptAt: outcome.nextAttemptAt?.toISOString() ?? null,
          deliveredAt: result.ok ? now.toISOString() : delivery.deliveredAt,
        },
      );
      const failingSince = outcome.failingSince?.toISOString() ?? null;
      const disable = outcome.disable && endpoint.enabled;
      if (failingSince !== endpoint.failingSince || disable) {
        await manager.update(
          WebhookEndpointRow,
          { id: endpoint.id },
          {
            failingSince,
            ...(disable
              ? {
                  enabled: false,
                  disabledAt: now.toISOString(),
                  disabledReason: `Disabled by the platform: every delivery since ${failingSince} failed`,
                }
              : {}),
          },
        );
      }
    });
  }
}
