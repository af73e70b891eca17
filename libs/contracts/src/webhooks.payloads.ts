import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { IsId } from './validation';

/**
 * The event types a webhook endpoint subscribes to (SPEC.md "Webhooks"), and the `type` of each delivery.
 * Wire names, stored with every endpoint: never rename without a migration.
 */
export enum WebhookEventType {
  PurchaseRecorded = 'purchase.recorded',
  CommissionCredited = 'commission.credited',
  CommissionReversed = 'commission.reversed',
  UserCreated = 'user.created',
  UserReferred = 'user.referred',
  UserDeactivated = 'user.deactivated',
  UserReactivated = 'user.reactivated',
  PayoutCreated = 'payout.created',
  PayoutPaid = 'payout.paid',
  PayoutFailed = 'payout.failed',
}

/** Subscribes an endpoint to every event type, present and future. */
export const ALL_WEBHOOK_EVENTS = '*';
export type WebhookEventFilter = WebhookEventType | typeof ALL_WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_FILTERS: readonly WebhookEventFilter[] = [
  ALL_WEBHOOK_EVENTS,
  ...Object.values(WebhookEventType),
];

/** Where one delivery of one event to one endpoint is. Wire names: never rename without a migration. */
export enum DeliveryStatus {
  /** Not yet answered with a 2xx; another try is scheduled. */
  Pending = 'pending',
  Delivered = 'delivered',
  /** Every try of the schedule failed; only a manual retry sends it again. */
  Failed = 'failed',
}

export const WEBHOOK_URL_MAX_LENGTH = 2_000;
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 500;

export class CreateWebhookRequest {
  @IsString()
  @Length(1, WEBHOOK_URL_MAX_LENGTH)
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_FILTERS.length)
  @IsIn(WEBHOOK_EVENT_FILTERS, { each: true })
  events!: WebhookEventFilter[];

  @IsString()
  @Length(0, WEBHOOK_DESCRIPTION_MAX_LENGTH)
  description!: string;
}

export class WebhookIdRequest {
  @IsId()
  webhookId!: number;
}

export class UpdateWebhookRequest extends WebhookIdRequest {
  @IsOptional()
  @IsString()
  @Length(1, WEBHOOK_URL_MAX_LENGTH)
  url?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_FILTERS.length)
  @IsIn(WEBHOOK_EVENT_FILTERS, { each: true })
  events?: WebhookEventFilter[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListDeliveriesRequest extends WebhookIdRequest {
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus;

  /** Only deliveries with a smaller id (the cursor of the previous page). */
  @IsOptional()
  @IsId()
  beforeId?: number;

  @IsInt()
  @Min(1)
  @Max(100)
  limit!: number;
}

export class RetryDeliveryRequest extends WebhookIdRequest {
  @IsId()
  deliveryId!: number;
}

/** An endpoint as listed: never its secret. */
export interface WebhookView {
  webhookId: number;
  url: string;
  events: WebhookEventFilter[];
  description: string;
  enabled: boolean;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** Since when every try to this endpoint has failed; null after a success. */
  failingSince: string | null;
  /** Set when the notifier disabled the endpoint by itself, with why. */
  disabledAt: string | null;
  disabledReason: string | null;
}

/** An endpoint with its signing secret (`whsec_<base64>`): answered only on creation and rotation. */
export interface WebhookWithSecret extends WebhookView {
  secret: string;
}

export interface DeliveryView {
  deliveryId: number;
  eventId: number;
  type: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface DeliveriesPage {
  /** Newest first. */
  deliveries: DeliveryView[];
  nextCursor: number | null;
}
