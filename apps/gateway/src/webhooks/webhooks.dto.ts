import {
  DeliveryStatus,
  IsId,
  WEBHOOK_DESCRIPTION_MAX_LENGTH,
  WEBHOOK_EVENT_FILTERS,
  WEBHOOK_URL_MAX_LENGTH,
  type DeliveriesPage,
  type DeliveryView,
  type WebhookEventFilter,
  type WebhookView,
  type WebhookWithSecret,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';
import { ApiId } from '../http/api-docs';
import { IsPageLimit } from '../http/page-limit';

const eventsMessage = `events must be a non-empty list of: ${WEBHOOK_EVENT_FILTERS.join(', ')}`;

export class CreateWebhookInput {
  @ApiProperty({ description: 'An http(s) URL on a public address', example: 'https://shop.example/hooks' })
  @IsString({ message: 'url is required and must be a string' })
  @Length(1, WEBHOOK_URL_MAX_LENGTH, { message: `url must be 1 to ${WEBHOOK_URL_MAX_LENGTH} characters` })
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_FILTERS, isArray: true, example: ['commission.credited'] })
  @IsArray({ message: eventsMessage })
  @ArrayMinSize(1, { message: eventsMessage })
  @ArrayMaxSize(WEBHOOK_EVENT_FILTERS.length, { message: eventsMessage })
  @IsIn(WEBHOOK_EVENT_FILTERS, { each: true, message: eventsMessage })
  events!: WebhookEventFilter[];

  @ApiPropertyOptional({ maxLength: WEBHOOK_DESCRIPTION_MAX_LENGTH, example: 'Accounting' })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @Length(0, WEBHOOK_DESCRIPTION_MAX_LENGTH, {
    message: `description must be at most ${WEBHOOK_DESCRIPTION_MAX_LENGTH} characters`,
  })
  description?: string;
}

export class UpdateWebhookInput {
  @ApiPropertyOptional({ example: 'https://shop.example/hooks' })
  @IsOptional()
  @IsString({ message: 'url must be a string' })
  @Length(1, WEBHOOK_URL_MAX_LENGTH, { message: `url must be 1 to ${WEBHOOK_URL_MAX_LENGTH} characters` })
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_FILTERS, isArray: true })
  @IsOptional()
  @IsArray({ message: eventsMessage })
  @ArrayMinSize(1, { message: eventsMessage })
  @ArrayMaxSize(WEBHOOK_EVENT_FILTERS.length, { message: eventsMessage })
  @IsIn(WEBHOOK_EVENT_FILTERS, { each: true, message: eventsMessage })
  events?: WebhookEventFilter[];

  @ApiPropertyOptional({ description: 'false stops deliveries; true resumes them', example: true })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class WebhookIdParams {
  @ApiId('A webhook id')
  @IsId()
  webhook_id!: number;
}

export class DeliveryIdParams extends WebhookIdParams {
  @ApiId('A delivery id of that webhook')
  @IsId()
  delivery_id!: number;
}

export class DeliveriesQuery {
  @ApiPropertyOptional({ enum: Object.values(DeliveryStatus) })
  @IsOptional()
  @IsEnum(DeliveryStatus, { message: 'status must be pending, delivered or failed' })
  status?: DeliveryStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 })
  @IsPageLimit(100)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', description: '`next_cursor` of the previous page' })
  @IsOptional()
  @IsId()
  cursor?: number;
}

export class WebhookResponse {
  @ApiId('The webhook')
  webhook_id!: number;

  @ApiProperty({ example: 'https://shop.example/hooks' })
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_FILTERS, isArray: true })
  events!: string[];

  @ApiProperty({ example: 'Accounting' })
  description!: string;

  @ApiProperty({ example: true })
  enabled!: boolean;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true, description: 'Since when every try has failed' })
  failing_since!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, description: 'When the platform disabled it' })
  disabled_at!: string | null;

  @ApiProperty({ nullable: true, description: 'Why the platform disabled it' })
  disabled_reason!: string | null;
}

export class WebhookWithSecretResponse extends WebhookResponse {
  @ApiProperty({ description: 'The signing secret: shown here only', example: 'whsec_…' })
  secret!: string;
}

export class DeliveryResponse {
  @ApiId('The delivery')
  delivery_id!: number;

  @ApiId('The event')
  event_id!: number;

  @ApiProperty({ example: 'commission.credited' })
  type!: string;

  @ApiProperty({ enum: Object.values(DeliveryStatus) })
  status!: string;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ nullable: true, example: 200 })
  last_status_code!: number | null;

  @ApiProperty({ nullable: true })
  last_error!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true })
  next_attempt_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class DeliveriesResponse {
  @ApiProperty({ type: [DeliveryResponse], description: 'Newest first' })
  deliveries!: DeliveryResponse[];

  @ApiProperty({ type: 'integer', nullable: true })
  next_cursor!: number | null;
}

export const toWebhookResponse = (webhook: WebhookView): WebhookResponse => ({
  webhook_id: webhook.webhookId,
  url: webhook.url,
  events: webhook.events,
  description: webhook.description,
  enabled: webhook.enabled,
  created_at: webhook.createdAt,
  failing_since: webhook.failingSince,
  disabled_at: webhook.disabledAt,
  disabled_reason: webhook.disabledReason,
});

export const toWebhookWithSecretResponse = (webhook: WebhookWithSecret): WebhookWithSecretResponse => ({
  ...toWebhookResponse(webhook),
  secret: webhook.secret,
});

export const toDeliveryResponse = (delivery: DeliveryView): DeliveryResponse => ({
  delivery_id: delivery.deliveryId,
  event_id: delivery.eventId,
  type: delivery.type,
  status: delivery.status,
  attempts: delivery.attempts,
  last_status_code: delivery.lastStatusCode,
  last_error: delivery.lastError,
  next_attempt_at: delivery.nextAttemptAt,
  created_at: delivery.createdAt,
});

export const toDeliveriesResponse = (page: DeliveriesPage): DeliveriesResponse => ({
  deliveries: page.deliveries.map(toDeliveryResponse),
  next_cursor: page.nextCursor,
});
