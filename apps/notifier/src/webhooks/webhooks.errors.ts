import { DomainError, ErrorCode } from '@app/contracts';

export const webhookNotFound = (webhookId: number): DomainError =>
  new DomainError(ErrorCode.WebhookNotFound, `Webhook ${webhookId} does not exist`);

export const deliveryNotFound = (webhookId: number, deliveryId: number): DomainError =>
  new DomainError(ErrorCode.WebhookDeliveryNotFound, `Webhook ${webhookId} has no delivery ${deliveryId}`);

export const urlNotAllowed = (reason: string): DomainError =>
  new DomainError(ErrorCode.WebhookUrlNotAllowed, `This webhook URL is not allowed: ${reason}`);
