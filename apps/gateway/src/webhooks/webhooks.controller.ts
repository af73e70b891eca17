import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { AuditTrail } from '../audit/audit-trail';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../http/api-docs';
import {
  CreateWebhookInput,
  DeliveriesQuery,
  DeliveriesResponse,
  DeliveryIdParams,
  DeliveryResponse,
  toDeliveriesResponse,
  toDeliveryResponse,
  toWebhookResponse,
  toWebhookWithSecretResponse,
  UpdateWebhookInput,
  WebhookIdParams,
  WebhookResponse,
  WebhookWithSecretResponse,
} from './webhooks.dto';

const DEFAULT_PAGE_SIZE = 50;

/**
 * Webhook endpoints and their deliveries (SPEC.md "Webhooks"), kept by the notifier. Admin only (no `@Access`
 * rule); every change is audited. The signing secret is answered by create and rotate-secret only.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly services: ServiceClient,
    private readonly audit: AuditTrail,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe an endpoint to events; the answer carries its signing secret, once' })
  @ApiCreatedResponse({ type: WebhookWithSecretResponse })
  @ApiErrors(400, 503)
  async create(
    @Body() input: CreateWebhookInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookWithSecretResponse> {
    const webhook = await this.services.request(RequestSubject.CreateWebhook, {
      url: input.url,
      events: input.events,
      description: input.description ?? '',
    });
    await this.audit.record(principal, AuditAction.WebhookCreated, [], { webhook_id: webhook.webhookId });
    return toWebhookWithSecretResponse(webhook);
  }

  @Get()
  @ApiOperation({ summary: 'Every webhook endpoint, without secrets' })
  @ApiOkResponse({ type: [WebhookResponse] })
  @ApiErrors(503)
  async list(): Promise<WebhookResponse[]> {
    return (await this.services.request(RequestSubject.ListWebhooks, {})).map(toWebhookResponse);
  }

  @Get(':webhook_id')
  @ApiOperation({ summary: 'One webhook endpoint, without its secret' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(400, 404, 503)
  async get(@Param() params: WebhookIdParams): Promise<WebhookResponse> {
    return toWebhookResponse(await this.services.request(RequestSubject.GetWebhook, { webhookId: params.webhook_id }));
  }

  @Patch(':webhook_id')
  @ApiOperation({ summary: 'Change the url, the events, or enabled' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(400, 404, 503)
  async update(
    @Param() params: WebhookIdParams,
    @Body() input: UpdateWebhookInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookResponse> {
    const webhook = await this.services.request(RequestSubject.UpdateWebhook, {
      webhookId: params.webhook_id,
      url: input.url,
      events: input.events,
      enabled: input.enabled,
    });
    await this.audit.record(principal, AuditAction.WebhookUpdated, [], { webhook_id: webhook.webhookId });
    return toWebhookResponse(webhook);
  }

  @Delete(':webhook_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint and its deliveries' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 503)
  async delete(@Param() params: WebhookIdParams, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.services.request(RequestSubject.DeleteWebhook, { webhookId: params.webhook_id });
    await this.audit.record(principal, AuditAction.WebhookDeleted, [], { webhook_id: params.webhook_id });
  }

  @Post(':webhook_id/rotate-secret')
  @ApiOperation({ summary: 'Replace the signing secret; the new one signs every try from now on' })
  @ApiCreatedResponse({ type: WebhookWithSecretResponse })
  @ApiErrors(400, 404, 503)
  async rotateSecret(
    @Param() params: WebhookIdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookWithSecretResponse> {
    const webhook = await this.services.request(RequestSubject.RotateWebhookSecret, { webhookId: params.webhook_id });
    await this.audit.record(principal, AuditAction.WebhookSecretRotated, [], { webhook_id: webhook.webhookId });
    return toWebhookWithSecretResponse(webhook);
  }

  @Get(':webhook_id/deliveries')
  @ApiOperation({ summary: "An endpoint's deliveries, newest first: `?status=&limit=&cursor=`" })
  @ApiOkResponse({ type: DeliveriesResponse })
  @ApiErrors(400, 404, 503)
  async deliveries(@Param() params: WebhookIdParams, @Query() query: DeliveriesQuery): Promise<DeliveriesResponse> {
    return toDeliveriesResponse(
      await this.services.request(RequestSubject.ListWebhookDeliveries, {
        webhookId: params.webhook_id,
        status: query.status,
        beforeId: query.cursor,
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
      }),
    );
  }

  @Post(':webhook_id/deliveries/:delivery_id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again now (202: it is due at once; see its status for the outcome)' })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrors(400, 404, 503)
  async retry(@Param() params: DeliveryIdParams, @CurrentPrincipal() principal: Principal): Promise<DeliveryResponse> {
    const delivery = await this.services.request(RequestSubject.RetryWebhookDelivery, {
      webhookId: params.webhook_id,
      deliveryId: params.delivery_id,
    });
    await this.audit.record(principal, AuditAction.WebhookDeliveryRetried, [], {
      webhook_id: params.webhook_id,
      delivery_id: delivery.deliveryId,
    });
    return toDeliveryResponse(delivery);
  }
}
