import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  DeliveryStatus,
  type CreateWebhookRequest,
  type DeliveriesPage,
  type DeliveryView,
  type ListDeliveriesRequest,
  type RetryDeliveryRequest,
  type UpdateWebhookRequest,
  type WebhookView,
  type WebhookWithSecret,
} from '@app/contracts';
import { TransactionRunner } from '@app/platform';
import { LessThan, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { SecretBox } from './secret-box';
import { newSigningSecret } from './signing';
import { UrlPolicy } from './url-policy';
import { WebhookDispatcher } from './webhook-dispatcher';
import { eventFiltersOf, WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from './webhook.entities';
import { deliveryNotFound, webhookNotFound } from './webhooks.errors';

/** Registering, changing and listing endpoints and their deliveries; the secret leaves only on create and rotate. */
@Injectable()
export class WebhooksService implements OnModuleInit {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly db: TransactionRunner,
    private readonly policy: UrlPolicy,
    private readonly box: SecretBox,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /**
   * Re-encrypts secrets sealed under an older key with the current one, so that the old key can then be
   * removed from WEBHOOK_SECRET_KEYS. A secret under a key no longer listed stops the start: its endpoint
   * could never be signed for again.
   */
  async onModuleInit(): Promise<void> {
    const resealed = await this.db.write(async (manager) => {
      const stale = await manager.findBy(WebhookEndpointRow, { secretKeyId: Not(this.box.currentKeyId) });
      for (const endpoint of stale) {
        if (!this.box.knows(endpoint.secretKeyId)) {
          throw new Error(
            `Webhook ${endpoint.id}'s secret is sealed with key "${endpoint.secretKeyId}", which WEBHOOK_SECRET_KEYS does not list`,
          );
        }
        const sealed = this.box.seal(
          this.box.open({ keyId: endpoint.secretKeyId, ciphertext: endpoint.secretCiphertext }),
        );
        await manager.update(
          WebhookEndpointRow,
          { id: endpoint.id },
          { secretKeyId: sealed.keyId, secretCiphertext: sealed.ciphertext },
        );
      }
      return stale.length;
    });
    if (resealed > 0) {
      this.logger.log(`Re-encrypted ${resealed} webhook secrets with key "${this.box.currentKeyId}"`);
    }
  }

  async create(request: CreateWebhookRequest): Promise<WebhookWithSecret> {
    await this.policy.check(request.url);
    const secret = newSigningSecret();
    const sealed = this.box.seal(secret);
    const endpoint = await this.db.write(async (manager) => {
      const { identifiers } = await manager.insert(WebhookEndpointRow, {
        url: request.url,
        events: JSON.stringify(unique(request.events)),
        description: request.description,
        secretKeyId: sealed.keyId,
        secretCiphertext: sealed.ciphertext,
        enabled: true,
        createdAt: new Date().toISOString(),
        failingSince: null,
        disabledAt: null,
        disabledReason: null,
      });
      return manager.findOneByOrFail(WebhookEndpointRow, { id: Number((identifiers[0] as { id: number }).id) });
    });
    return { ...toView(endpoint), secret };
  }

  async list(): Promise<WebhookView[]> {
    const endpoints = await this.db.read((manager) => manager.find(WebhookEndpointRow, { order: { id: 'ASC' } }));
    return endpoints.map(toView);
  }

  async get(webhookId: number): Promise<WebhookView> {
    return toView(await this.db.read((manager) => findEndpoint(manager, webhookId)));
  }

  /** Changes url, events or enabled. Enabling again clears the record of an automatic disable. */
  async update(request: UpdateWebhookRequest): Promise<WebhookView> {
    await this.db.read((manager) => findEndpoint(manager, request.webhookId));
    if (request.url !== undefined) {
      await this.policy.check(request.url);
    }
    const endpoint = await this.db.write(async (manager) => {
      const found = await findEndpoint(manager, request.webhookId);
      const changes: Partial<WebhookEndpointRow> = {};
      if (request.url !== undefined) {
        changes.url = request.url;
      }
      if (request.events !== undefined) {
        changes.events = JSON.stringify(unique(request.events));
      }
      if (request.enabled !== undefined && request.enabled !== found.enabled) {
        Object.assign(
          changes,
          request.enabled
            ? { enabled: true, failingSince: null, disabledAt: null, disabledReason: null }
            : { enabled: false },
        );
      }
      if (Object.keys(changes).length > 0) {
        await manager.update(WebhookEndpointRow, { id: found.id }, changes);
      }
      return { ...found, ...changes };
    });
    if (endpoint.enabled) {
      this.dispatcher.kick();
    }
    return toView(endpoint);
  }

  /** Deletes the endpoint with its deliveries and their tries; the events stay for other endpoints. */
  async delete(webhookId: number): Promise<{ deleted: true }> {
    await this.db.write(async (manager) => {
      await findEndpoint(manager, webhookId);
      await manager
        .createQueryBuilder()
        .delete()
        .from(WebhookAttemptRow)
        .where('delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = :webhookId)', { webhookId })
        .execute();
      await manager.delete(WebhookDeliveryRow, { endpointId: webhookId });
      await manager.delete(WebhookEndpointRow, { id: webhookId });
    });
    return { deleted: true };
  }

  /** A new secret, from the next try on; the old one signs nothing more. */
  async rotateSecret(webhookId: number): Promise<WebhookWithSecret> {
    const secret = newSigningSecret();
    const sealed = this.box.seal(secret);
    const endpoint = await this.db.write(async (manager) => {
      const found = await findEndpoint(manager, webhookId);
      await manager.update(
        WebhookEndpointRow,
        { id: found.id },
        { secretKeyId: sealed.keyId, secretCiphertext: sealed.ciphertext },
      );
      return found;
    });
    return { ...toView(endpoint), secret };
  }

  async deliveries(request: ListDeliveriesRequest): Promise<DeliveriesPage> {
    return this.db.read(async (manager) => {
      await findEndpoint(manager, request.webhookId);
      const where: FindOptionsWhere<WebhookDeliveryRow> = { endpointId: request.webhookId };
      if (request.status) {
        where.status = request.status;
      }
      if (request.beforeId) {
        where.id = LessThan(request.beforeId);
      }
      const rows = await manager.find(WebhookDeliveryRow, { where, order: { id: 'DESC' }, take: request.limit + 1 });
      const page = rows.slice(0, request.limit);
      return {
        deliveries: page.map(toDeliveryView),
        nextCursor: rows.length > request.limit ? page[page.length - 1].id : null,
      };
    });
  }

  /** Sends a delivery again now, whatever its status: it is due at once, and a failure does not reschedule it. */
  async retry(request: RetryDeliveryRequest): Promise<DeliveryView> {
    const delivery = await this.db.write(async (manager) => {
      await findEndpoint(manager, request.webhookId);
      const found = await manager.findOneBy(WebhookDeliveryRow, {
        id: request.deliveryId,
        endpointId: request.webhookId,
      });
      if (!found) {
        throw deliveryNotFound(request.webhookId, request.deliveryId);
      }
      const changes = { status: DeliveryStatus.Pending, nextAttemptAt: new Date().toISOString() };
      await manager.update(WebhookDeliveryRow, { id: found.id }, changes);
      return { ...found, ...changes };
    });
    this.dispatcher.kick();
    return toDeliveryView(delivery);
  }
}

async function findEndpoint(manager: EntityManager, webhookId: number): Promise<WebhookEndpointRow> {
  const endpoint = await manager.findOneBy(WebhookEndpointRow, { id: webhookId });
  if (!endpoint) {
    throw webhookNotFound(webhookId);
  }
  return endpoint;
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];

function toView(endpoint: WebhookEndpointRow): WebhookView {
  return {
    webhookId: endpoint.id,
    url: endpoint.url,
    events: eventFiltersOf(endpoint),
    description: endpoint.description,
    enabled: Boolean(endpoint.enabled),
    createdAt: endpoint.createdAt,
    failingSince: endpoint.failingSince,
    disabledAt: endpoint.disabledAt,
    disabledReason: endpoint.disabledReason,
  };
}

function toDeliveryView(delivery: WebhookDeliveryRow): DeliveryView {
  return {
    deliveryId: delivery.id,
    eventId: delivery.eventId,
    type: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    // Only a pending delivery has a next try (a failed or delivered one may still hold a lease's time).
    nextAttemptAt: delivery.status === DeliveryStatus.Pending ? delivery.nextAttemptAt : null,
    createdAt: delivery.createdAt,
  };
}
