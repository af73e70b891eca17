import { Injectable } from '@nestjs/common';
import { ALL_WEBHOOK_EVENTS, DeliveryStatus, WebhookEventType, type WebhookEventFilter } from '@app/contracts';
import { rawQuery, TransactionRunner } from '@app/platform';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { NotifierConfig } from '../config';
import { afterAttempt } from './retry-schedule';
import type { SealedSecret } from './secret-box';
import type { TryResult } from './webhook-sender';
import { webhookBody, type WebhookEvent } from './webhook-events';
import {
  eventFiltersOf,
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookEndpointRow,
  WebhookEventRow,
} from './webhook.entities';

/** A delivery taken for one try, with what the try needs. */
export interface ClaimedDelivery {
  id: number;
  endpointId: number;
  /** Tries made before this one. */
  attempts: number;
  url: string;
  sealedSecret: SealedSecret;
  failingSince: string | null;
  /** The exact body to sign and send. */
  body: string;
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
   * The event types some enabled endpoint subscribes to now, in one read: the intake asks once for a batch of
   * messages, and takes only the events someone wants into a write transaction.
   */
  async subscribedTypes(): Promise<ReadonlySet<WebhookEventType>> {
    const enabled = await this.db.read((manager) =>
      manager.find(WebhookEndpointRow, { select: { id: true, events: true }, where: { enabled: true } }),
    );
    const filters = enabled.flatMap(eventFiltersOf);
    return new Set(
      filters.includes(ALL_WEBHOOK_EVENTS) ? Object.values(WebhookEventType) : (filters as WebhookEventType[]),
    );
  }

  /**
   * In one transaction, for each of one message's events: the event, once per source key (a redelivered
   * message finds it and adds nothing), and a pending delivery, due now, for each enabled endpoint that
   * subscribes to its type. An event no endpoint wants is not kept. Returns how many deliveries were made.
   */
  async recordEventsInOneTransaction(events: { sourceKey: string; event: WebhookEvent }[]): Promise<number> {
    return this.db.write(async (manager) => {
      // Read inside the write: an endpoint may have been disabled or removed since the intake looked.
      const enabled = await manager.findBy(WebhookEndpointRow, { enabled: true });
      let deliveries = 0;
      for (const { sourceKey, event } of events) {
        deliveries += await this.recordEvent(manager, enabled, sourceKey, event);
      }
      return deliveries;
    });
  }

  private async recordEvent(
    manager: EntityManager,
    enabled: WebhookEndpointRow[],
    sourceKey: string,
    event: WebhookEvent,
  ): Promise<number> {
    if (await manager.existsBy(WebhookEventRow, { sourceKey })) {
      return 0;
    }
    const endpoints = enabled.filter((endpoint) => subscribes(eventFiltersOf(endpoint), event.type));
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
  }

  /**
   * Takes up to `limit` due deliveries of enabled endpoints for a try, in one transaction: their next try moves
   * to the end of a lease (the timeout and a margin), so no other process takes them meanwhile, and one whose
   * process dies mid-try falls due again by itself. PostgreSQL skips rows another process is claiming. One
   * more statement reads what the tries need (endpoint, sealed secret, body) for the whole batch.
   */
  claimDueInOneTransaction(limit: number): Promise<ClaimedDelivery[]> {
    const now = Date.now();
    const skipLocked = this.db.dialect === 'postgres' ? 'FOR UPDATE OF d SKIP LOCKED' : '';
    return this.db.write(async (manager) => {
      const claimed = await rawQuery<{ id: number }>(
        manager,
        `UPDATE webhook_deliveries SET next_attempt_at = :lease
         WHERE id IN (
           SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
           WHERE d.status = :pending AND d.next_attempt_at <= :now AND e.enabled = TRUE
           ORDER BY d.next_attempt_at LIMIT :limit ${skipLocked}
         )
         RETURNING id`,
        {
          lease: new Date(now + this.config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS).toISOString(),
          pending: DeliveryStatus.Pending,
          now: new Date(now).toISOString(),
          limit,
        },
      );
      if (claimed.length === 0) {
        return [];
      }
      const rows = await manager
        .createQueryBuilder(WebhookDeliveryRow, 'd')
        .innerJoin(WebhookEndpointRow, 'e', 'e.id = d.endpoint_id')
        .innerJoin(WebhookEventRow, 'v', 'v.id = d.event_id')
        .select([
          'd.id AS id',
          'd.endpoint_id AS endpoint_id',
          'd.attempts AS attempts',
          'e.url AS url',
          'e.secret_key_id AS secret_key_id',
          'e.secret_ciphertext AS secret_ciphertext',
          'e.failing_since AS failing_since',
          'v.body AS body',
        ])
        .where('d.id IN (:...ids)', { ids: claimed.map((row) => Number(row.id)) })
        .getRawMany<{
          id: number;
          endpoint_id: number;
          attempts: number;
          url: string;
          secret_key_id: string;
          secret_ciphertext: string;
          failing_since: string | null;
          body: string;
        }>();
      return rows.map((row) => ({
        id: Number(row.id),
        endpointId: Number(row.endpoint_id),
        attempts: Number(row.attempts),
        url: row.url,
        sealedSecret: { keyId: row.secret_key_id, ciphertext: row.secret_ciphertext },
        failingSince: row.failing_since,
        body: row.body,
      }));
    });
  }

  /**
   * Records a try in one transaction: the delivery's new status and next try, the attempt row, and the
   * endpoint's run of failures (a success ends it; WEBHOOK_DISABLE_AFTER_MS of it disables the endpoint, saying
   * so on it). Nothing is recorded for a delivery deleted while its try was under way.
   */
  recordTryInOneTransaction(claim: ClaimedDelivery, result: TryResult, attemptedAt: Date): Promise<void> {
    return this.db.write(async (manager) => {
      const now = new Date();
      const outcome = afterAttempt({
        attemptsBefore: claim.attempts,
        succeeded: result.ok,
        now,
        schedule: this.config.retrySchedule,
        failingSince: claim.failingSince === null ? null : new Date(claim.failingSince),
        disableAfterMs: this.config.WEBHOOK_DISABLE_AFTER_MS,
      });
      const { affected } = await manager.update(
        WebhookDeliveryRow,
        { id: claim.id },
        {
          status: outcome.status,
          attempts: outcome.attempts,
          lastStatusCode: result.statusCode,
          lastError: result.error,
          nextAttemptAt: outcome.nextAttemptAt?.toISOString() ?? null,
          ...(result.ok ? { deliveredAt: now.toISOString() } : {}),
        },
      );
      if (affected === 0) {
        return;
      }
      await manager.insert(WebhookAttemptRow, {
        deliveryId: claim.id,
        attemptedAt: attemptedAt.toISOString(),
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
      });
      if (result.ok) {
        if (claim.failingSince !== null) {
          await manager.update(WebhookEndpointRow, { id: claim.endpointId }, { failingSince: null });
        }
        return;
      }
      // Only the first failure of a run sets its start.
      await manager.update(
        WebhookEndpointRow,
        { id: claim.endpointId, failingSince: IsNull() },
        { failingSince: now.toISOString() },
      );
      if (outcome.disable) {
        await manager.update(
          WebhookEndpointRow,
          { id: claim.endpointId, enabled: true, failingSince: Not(IsNull()) },
          {
            enabled: false,
            disabledAt: now.toISOString(),
            disabledReason: `Disabled by the platform: every delivery since ${claim.failingSince} failed`,
          },
        );
      }
    });
  }
}
