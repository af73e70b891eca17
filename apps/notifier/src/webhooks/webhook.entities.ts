import type { DeliveryStatus, WebhookEventFilter, WebhookEventType } from '@app/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/* Timestamps are ISO 8601 UTC text written by the service: both databases return the same text, and it sorts
   and compares in time order. */

/** An endpoint a shop registered. Its signing secret is stored sealed (AES-256-GCM), never in the clear. */
@Entity('webhook_endpoints')
export class WebhookEndpointRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** JSON array of event types, or `["*"]`. */
  @Column({ type: 'text' })
  events!: string;

  @Column({ type: 'varchar', length: 500 })
  description!: string;

  @Column({ name: 'secret_key_id', type: 'varchar', length: 32 })
  secretKeyId!: string;

  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  /** Since when every try has failed; null after a success. */
  @Column({ name: 'failing_since', type: 'varchar', length: 30, nullable: true })
  failingSince!: string | null;

  @Column({ name: 'disabled_at', type: 'varchar', length: 30, nullable: true })
  disabledAt!: string | null;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 300, nullable: true })
  disabledReason!: string | null;
}

/** One platform event as delivered: the exact body that is signed, the same for every try. */
@Entity('webhook_events')
export class WebhookEventRow {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Stream and message id (`Nats-Msg-Id`, else the stream sequence): a redelivered message is stored once. */
  @Column({ name: 'source_key', type: 'varchar', length: 200 })
  sourceKey!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: WebhookEventType;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}

/** One event to one endpoint: its `webhook-id` is `msg_<id>`, the same on every try. */
@Entity('webhook_deliveries')
export class WebhookDeliveryRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'endpoint_id', type: 'integer' })
  endpointId!: number;

  @Column({ name: 'event_id', type: 'integer' })
  eventId!: number;

  @Column({ type: 'varchar', length: 40 })
  type!: WebhookEventType;

  @Column({ type: 'varchar', length: 12 })
  status!: DeliveryStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  /** When the next try is due; while a try is under way, when it is given up as lost (a lease). */
  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30, nullable: true })
  nextAttemptAt!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'delivered_at', type: 'varchar', length: 30, nullable: true })
  deliveredAt!: string | null;
}

/** One try of a delivery, kept for the record. */
@Entity('webhook_attempts')
export class WebhookAttemptRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'delivery_id', type: 'integer' })
  deliveryId!: number;

  @Column({ name: 'attempted_at', type: 'varchar', length: 30 })
  attemptedAt!: string;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  error!: string | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;
}

export const webhookEntities = [WebhookEndpointRow, WebhookEventRow, WebhookDeliveryRow, WebhookAttemptRow];

export const eventFiltersOf = (row: WebhookEndpointRow): WebhookEventFilter[] =>
  JSON.parse(row.events) as WebhookEventFilter[];
