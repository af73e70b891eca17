import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateWebhookRequest,
  ListDeliveriesRequest,
  RequestSubject,
  RetryDeliveryRequest,
  UpdateWebhookRequest,
  WebhookIdRequest,
  type DeliveriesPage,
  type DeliveryView,
  type WebhookView,
  type WebhookWithSecret,
} from '@app/contracts';
import { WebhooksService } from './webhooks.service';

@Controller()
export class WebhooksMessageController {
  constructor(private readonly webhooks: WebhooksService) {}

  @MessagePattern(RequestSubject.CreateWebhook)
  create(@Payload() request: CreateWebhookRequest): Promise<WebhookWithSecret> {
    return this.webhooks.create(request);
  }

  @MessagePattern(RequestSubject.ListWebhooks)
  list(): Promise<WebhookView[]> {
    return this.webhooks.list();
  }

  @MessagePattern(RequestSubject.GetWebhook)
  get(@Payload() request: WebhookIdRequest): Promise<WebhookView> {
    return this.webhooks.get(request.webhookId);
  }

  @MessagePattern(RequestSubject.UpdateWebhook)
  update(@Payload() request: UpdateWebhookRequest): Promise<WebhookView> {
    return this.webhooks.update(request);
  }

  @MessagePattern(RequestSubject.DeleteWebhook)
  delete(@Payload() request: WebhookIdRequest): Promise<{ deleted: true }> {
    return this.webhooks.delete(request.webhookId);
  }

  @MessagePattern(RequestSubject.RotateWebhookSecret)
  rotateSecret(@Payload() request: WebhookIdRequest): Promise<WebhookWithSecret> {
    return this.webhooks.rotateSecret(request.webhookId);
  }

  @MessagePattern(RequestSubject.ListWebhookDeliveries)
  deliveries(@Payload() request: ListDeliveriesRequest): Promise<DeliveriesPage> {
    return this.webhooks.deliveries(request);
  }

  @MessagePattern(RequestSubject.RetryWebhookDelivery)
  retry(@Payload() request: RetryDeliveryRequest): Promise<DeliveryView> {
    return this.webhooks.retry(request);
  }
}
