import { Webhook } from 'standardwebhooks';
import { eventually } from '@app/testing';
import { createFamily } from './support/fixtures';
import { startSystem, type System } from './support/system';
import { WebhookReceiver } from './support/webhook-receiver';

const SHOP_KEY = 'rk_webhooks_test_shop_key_0000000000000000000000';
/** Two quick retries: three tries in all, then `failed`. */
const SCHEDULE = '300ms,300ms';

interface Created {
  webhook_id: number;
  secret: string;
}

interface Delivery {
  delivery_id: number;
  event_id: number;
  type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
}

describe('Webhooks', () => {
  let system: System;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    system = await startSystem(
      // Credits are payable at once here, so that payouts can be made and announced.
      {
        WEBHOOK_RETRY_SCHEDULE: SCHEDULE,
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOK_POLL_MS: '50',
        COMMISSION_HOLD_SECONDS: '0',
      },
      { apiKeys: [{ id: 'shop', scopes: ['purchases:write'], key: SHOP_KEY }] },
    );
  });
  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await system?.stop();
  });

  /** A receiver on loopback subscribed to `events`; it verifies every delivery with the secret it was given. */
  async function subscribe(events: string[] = ['*']): Promise<{ receiver: WebhookReceiver; webhook: Created }> {
    const receiver = new WebhookReceiver();
    receivers.push(receiver);
    const url = await receiver.start();
    const response = await system.api.post<Created>('/webhooks', undefined, {
      body: { url, events, description: 'test receiver' },
    });
    expect(response.status).toBe(201);
    receiver.secret = response.body.secret;
    return { receiver, webhook: response.body };
  }

  const deliveries = async (webhookId: number, query: Record<string, string | number> = {}): Promise<Delivery[]> => {
    const response = await system.api.get<{ deliveries: Delivery[] }>(`/webhooks/${webhookId}/deliveries`, query);
    expect(response.status).toBe(200);
    return response.body.deliveries;
  };

  /** Waits a little longer than a few polls, so that a duplicate would have had time to arrive. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

  it('registers an endpoint: the secret is shown once, never listed; admin only; 400 and 404 with codes', async () => {
    const { api } = system;
    const created = await api.post('/webhooks', undefined, {
      body: { url: 'http://127.0.0.1:9/hooks', events: ['commission.credited'], description: 'Accounting' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      webhook_id: expect.any(Number),
      url: 'http://127.0.0.1:9/hooks',
      events: ['commission.credited'],
      description: 'Accounting',
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]+$/),
      enabled: true,
      created_at: expect.stringMatching(/Z$/),
      failing_since: null,
      disabled_at: null,
      disabled_reason: null,
    });
    const id = created.body.webhook_id as number;
    const one = await api.get(`/webhooks/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(JSON.stringify(one.body)).not.toContain(created.body.secret.slice(6));
    const list = await api.get('/webhooks');
    expect(list.body.map((webhook: { webhook_id: number }) => webhook.webhook_id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain('secret');

    const patched = await api.call<Record<string, unknown>>('PATCH', `/webhooks/${id}`, {
      body: { events: ['*'], enabled: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ events: ['*'], enabled: false });

    expect((await api.as(undefined).get('/webhooks')).status).toBe(401);
    const shop = await api
      .as(SHOP_KEY)
      .post('/webhooks', undefined, { body: { url: 'http://127.0.0.1:9', events: ['*'] } });
    expect(shop.status).toBe(403);
    expect(shop.body.code).toBe('AUTH.FORBIDDEN');
    expect((await api.as(SHOP_KEY).get(`/webhooks/${id}`)).status).toBe(403);

    const missing = await api.get('/webhooks/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('WEBHOOK.NOT_FOUND');
    const noDelivery = await api.post(`/webhooks/${id}/deliveries/999999/retry`);
    expect(noDelivery.status).toBe(404);
    expect(noDelivery.body.code).toBe('WEBHOOK.DELIVERY_NOT_FOUND');
    expect((await api.get('/webhooks/abc')).status).toBe(400);
    const badEvents = await api.post('/webhooks', undefined, { body: { url: 'http://127.0.0.1:9', events: ['nope'] } });
    expect(badEvents.status).toBe(400);
    expect(badEvents.body.code).toBe('VALIDATION.FAILED');
    const ftp = await api.post('/webhooks', undefined, { body: { url: 'ftp://127.0.0.1/x', events: ['*'] } });
    expect(ftp.status).toBe(400);
    expect(ftp.body.code).toBe('WEBHOOK.URL_NOT_ALLOWED');
    expect((await api.get(`/webhooks/${id}/deliveries`, { status: 'lost' })).status).toBe(400);

    const audit = await api.get('/audit', { limit: 10 });
    expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['webhook.created', 'webhook.updated']),
    );
    expect(JSON.stringify(audit.body)).not.toContain(created.body.secret.slice(6));

    expect((await api.call('DELETE', `/webhooks/${id}`, {})).status).toBe(204);
    expect((await api.get(`/webhooks/${id}`)).status).toBe(404);
  });

  it('delivers each event type once, signed so that standardwebhooks verifies it, with SPEC.md data', async () => {
    const { api } = system;
    const { receiver, webhook } = await subscribe();
    const family = await createFamily(api);
    const purchase = await api.post('/purchase', { buyer_id: family.buyer, amount: 1500 });
    expect(purchase.status).toBe(201);
    const refund = await api.post(`/purchase/${purchase.body.purchase_id}/refund`, { amount: 500 });
    expect(refund.status).toBe(201);
    await api.patch(`/user/${family.buyer}/deactivate`);
    await api.patch(`/user/${family.buyer}/deactivate`); // a repeat changes nothing and announces nothing
    await api.patch(`/user/${family.buyer}/reactivate`);

    const expected = {
      'user.created': 3,
      'user.referred': 2,
      'commission.credited': 2,
      'commission.reversed': 2,
      'purchase.recorded': 1,
      'user.deactivated': 1,
      'user.reactivated': 1,
    };
    const total = Object.values(expected).reduce((sum, count) => sum + count, 0);
    await eventually(() => receiver.accepted.length >= total, `${total} deliveries`);
    await settle();
    expect(receiver.received.every((delivery) => delivery.verified !== null)).toBe(true);
    for (const [type, count] of Object.entries(expected)) {
      expect([type, receiver.ofType(type).length]).toEqual([type, count]);
    }
    expect(receiver.accepted).toHaveLength(total);
    expect(new Set(receiver.accepted.map((delivery) => delivery.id)).size).toBe(total);

    const [levelOne] = receiver.ofType('commission.credited').filter((d) => d.verified?.data.level === 1);
    expect(levelOne.headers['content-type']).toBe('application/json');
    expect(levelOne.verified).toEqual({
      type: 'commission.credited',
      timestamp: expect.stringMatching(/Z$/),
      data: {
        earning_id: expect.any(Number),
        user_id: family.parent,
        level: 1,
        amount: 75,
        source_user_id: family.buyer,
        purchase_id: purchase.body.purchase_id,
        refund_id: null,
        total_earnings: 75,
        timestamp: expect.stringMatching(/Z$/),
      },
    });
    const reversal = receiver.ofType('commission.reversed').find((d) => d.verified?.data.level === 1);
    expect(reversal?.verified?.data).toMatchObject({
      user_id: family.parent,
      amount: -25,
      refund_id: refund.body.refund_id,
      total_earnings: 50,
    });
    expect(receiver.ofType('user.referred').map((d) => d.verified?.data)).toEqual(
      expect.arrayContaining([{ referrer_id: family.parent, user_id: family.buyer }]),
    );
    expect(receiver.ofType('user.created').map((d) => d.verified?.data)).toEqual(
      expect.arrayContaining([{ user_id: family.buyer, name: 'Buyer', is_active: true, referred_by: null }]),
    );
    expect(receiver.ofType('user.deactivated')[0].verified?.data).toEqual({ user_id: family.buyer, is_active: false });
    expect(receiver.ofType('user.reactivated')[0].verified?.data).toEqual({ user_id: family.buyer, is_active: true });

    const listed = await deliveries(webhook.webhook_id, { status: 'delivered', limit: 100 });
    expect(listed).toHaveLength(total);
    expect(listed.every((d) => d.attempts === 1 && d.last_status_code === 200 && d.next_attempt_at === null)).toBe(
      true,
    );
    const firstPage = await system.api.get(`/webhooks/${webhook.webhook_id}/deliveries`, { limit: 5 });
    expect(firstPage.body.deliveries).toHaveLength(5);
    const secondPage = await deliveries(webhook.webhook_id, { limit: 5, cursor: firstPage.body.next_cursor });
    expect(secondPage[0].delivery_id).toBeLessThan(firstPage.body.deliveries[4].delivery_id);

    await api.call('DELETE', `/webhooks/${webhook.webhook_id}`, {});
  });

  // Awaits the ledger rewrite, which makes the commissions outbox publish PurchaseRecorded: un-skip at the merge.
  it('delivers purchase.recorded with the body of POST /purchase', async () => {
    const { api } = system;
    const { receiver, webhook } = await subscribe(['purchase.recorded']);
    const family = await createFamily(api);
    const purchase = await api.post('/purchase', { buyer_id: family.buyer, amount: 1500 });
    await eventually(() => receiver.accepted.length >= 1, 'purchase.recorded');
    await settle();
    expect(receiver.accepted).toHaveLength(1);
    expect(receiver.accepted[0].verified).toEqual({
      type: 'purchase.recorded',
      timestamp: purchase.body.timestamp,
      data: purchase.body,
    });
    await api.call('DELETE', `/webhooks/${webhook.webhook_id}`, {});
  });

  it('delivers payout.created, payout.paid and payout.failed with the payout as the API answers it', async () => {
    const { api } = system;
    const { receiver, webhook } = await subscribe(['payout.created', 'payout.paid', 'payout.failed']);
    const [first, second] = [await createFamily(api), await createFamily(api)];
    await api.post('/purchase', { buyer_id: first.buyer, amount: 2000 });
    await api.post('/purchase', { buyer_id: second.buyer, amount: 2000 });
    const created = [
      (await api.post('/payouts', { user_id: first.parent })).body.payouts[0],
      (await api.post('/payouts', { user_id: second.parent })).body.payouts[0],
    ];
    const paid = (await api.post(`/payouts/${created[0].payout_id as number}/complete`)).body;
    const failed = (await api.post(`/payouts/${created[1].payout_id as number}/fail`, { reason: 'Account closed' }))
      .body;
    await eventually(() => receiver.accepted.length >= 4, 'four payout events');
    await settle();
    const byType = (type: string) => receiver.accepted.filter((delivery) => delivery.verified?.type === type);
    expect(byType('payout.created').map((delivery) => delivery.verified?.data)).toEqual(created);
    expect(byType('payout.paid').map((delivery) => delivery.verified?.data)).toEqual([paid]);
    expect(byType('payout.failed').map((delivery) => delivery.verified?.data)).toEqual([failed]);
    expect(receiver.accepted).toHaveLength(4);
    await api.call('DELETE', `/webhooks/${webhook.webhook_id}`, {});
  });

  it('retries a receiver that fails twice: three tries with one webhook-id, then delivered', async () => {
    const { receiver, webhook } = await subscribe(['user.created']);
    const tries = new Map<string, number>();
    receiver.answer = (delivery) => {
      const n = (tries.get(delivery.id) ?? 0) + 1;
      tries.set(delivery.id, n);
      return n <= 2 ? 500 : 200;
    };
    await system.api.createUser('Retried');
    await eventually(() => receiver.accepted.length === 1, 'the third try');
    await settle();
    expect(receiver.received.map((delivery) => delivery.answered)).toEqual([500, 500, 200]);
    expect(new Set(receiver.received.map((delivery) => delivery.id)).size).toBe(1);
    const [delivery] = await deliveries(webhook.webhook_id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, last_status_code: 200, last_error: null });
    await system.api.call('DELETE', `/webhooks/${webhook.webhook_id}`, {});
  });

  it('leaves a delivery failed after the whole schedule; a manual retry delivers it with the same webhook-id', async () => {
    const { receiver, webhook } = await subscribe(['user.created']);
    receiver.answer = () => 503;
    await system.api.createUser('Down');
    await eventually(async () => (await deliveries(webhook.webhook_id, { status: 'failed' })).length === 1, 'failed');
    const [failed] = await deliveries(webhook.webhook_id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, last_status_code: 503, last_error: 'HTTP 503' });
    expect(failed.next_attempt_at).toBeNull();
    await settle();
    expect(receiver.received).toHaveLength(3);

    receiver.answer = () => 200;
    const retry = await system.api.post(`/webhooks/${webhook.webhook_id}/deliveries/${failed.delivery_id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ delivery_id: failed.delivery_id, status: 'pending' });
    await eventually(() => receiver.accepted.length === 1, 'the manual retry');
    expect(receiver.accepted[0].id).toBe(receiver.received[0].id);
    await eventually(
      async () => (await deliveries(webhook.webhook_id))[0].status === 'delivered',
      'the delivery recorded as delivered',
    );
    expect((await deliveries(webhook.webhook_id))[0].attempts).toBe(4);
    await system.api.call('DELETE', `/webhooks/${webhook.webhook_id}`, {});
  });

  it('signs with the new secret after a rotation, and no longer with the old one', async () => {
    const { receiver, webhook } = await subscribe(['user.created']);
    await system.api.createUser('Before rotation');
    await eventually(() => receiver.accepted.length === 1, 'a delivery before rotation');
    const rotated = await system.api.post<Created>(`/webhooks/${webhook.webhook_id}/rotate-secret`);
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(webhook.secret);
    receiver.secret = rotated.body.secret;
    await system.api.createUser('After rotation');
    await eventually(() => receiver.accepted.length === 2, 'a delivery after rotation');
    const after = receiver.accepted[1];
    expect(() =>
      new Webhook(webhook.secret).verify(after.body, {
        'webhook-id': after.id,
        'webhook-timestamp': String(after.timestamp),
        'webhook-signature': String(after.headers['webhook-signature']),
      }),
    ).toThrow();
    await system.api.call('DELETE', `/webhooks/${webhook.webhook_id}`, {});
  });

  it('delivers an event that was pending across a SIGKILL of the notifier, and one made while it was down', async () => {
    const { receiver, webhook } = await subscribe(['user.created']);
    receiver.answer = () => 500;
    await system.api.createUser('Pending across the kill');
    await eventually(() => receiver.received.length >= 1, 'a first, refused try');
    await system.services.notifier.stop('SIGKILL');
    await system.api.createUser('Made while the notifier was down');
    receiver.answer = () => 200;
    system.services.notifier.start();
    await eventually(() => receiver.accepted.length >= 2, 'both events after the restart', 30_000);
    await settle();
    const names = receiver.accepted.map((delivery) => delivery.verified?.data.name);
    expect(names.sort()).toEqual(['Made while the notifier was down', 'Pending across the kill']);
    await system.ready();
    await system.api.call('DELETE', `/webhooks/${webhook.webhook_id}`, {});
  });

  it('loses nothing across a broker restart: a pending retry and the events after it arrive', async () => {
    const { receiver, webhook } = await subscribe(['user.created']);
    receiver.answer = () => 500;
    await system.api.createUser('Pending across the broker restart');
    await eventually(() => receiver.received.length >= 1, 'a first, refused try');
    await system.nats.restart();
    receiver.answer = () => 200;
    await system.ready();
    await system.api.createUser('After the broker restart');
    await eventually(() => receiver.accepted.length >= 2, 'both events after the broker restart', 30_000);
    await settle();
    const names = receiver.accepted.map((delivery) => delivery.verified?.data.name);
    expect(names.sort()).toEqual(['After the broker restart', 'Pending across the broker restart']);
    await system.api.call('DELETE', `/webhooks/${webhook.webhook_id}`, {});
  });
});

describe('Webhooks without private URLs allowed', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem({ WEBHOOK_ALLOW_PRIVATE_URLS: 'false' });
  });
  afterAll(() => system?.stop());

  it.each([
    'http://127.0.0.1:8080/hooks',
    'http://localhost:8080/hooks',
    'http://[::1]:8080/hooks',
    // Private, link-local and metadata addresses are refused by the same rule, shown with a resolver stub in
    // url-policy.spec.ts: a test never points at an address off loopback.
  ])('refuses %s at registration with 400 WEBHOOK.URL_NOT_ALLOWED', async (url) => {
    const response = await system.api.post('/webhooks', undefined, { body: { url, events: ['*'] } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('WEBHOOK.URL_NOT_ALLOWED');
    expect((await system.api.get('/webhooks')).body).toEqual([]);
  });
});

describe('Webhooks to an endpoint that only fails', () => {
  let system: System;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    // "Five days" shortened to one second, with tries every 400 ms.
    system = await startSystem({
      WEBHOOK_RETRY_SCHEDULE: '400ms,400ms,400ms,400ms,400ms,400ms',
      WEBHOOK_DISABLE_AFTER_MS: '1000',
      WEBHOOK_POLL_MS: '50',
    });
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await system?.stop();
  });

  it('is disabled once nothing but failures lasted WEBHOOK_DISABLE_AFTER_MS, says so, and resumes when enabled', async () => {
    const created = await system.api.post<Created>('/webhooks', undefined, {
      body: { url: receiver.url, events: ['user.created'] },
    });
    receiver.secret = created.body.secret;
    receiver.answer = () => 500;
    await system.api.createUser('Never accepted');
    const id = created.body.webhook_id;
    await eventually(async () => (await system.api.get(`/webhooks/${id}`)).body.enabled === false, 'the disable');
    const disabled = (await system.api.get(`/webhooks/${id}`)).body;
    expect(disabled.disabled_at).toMatch(/Z$/);
    expect(disabled.disabled_reason).toContain(disabled.failing_since);
    const tries = receiver.received.length;
    expect(tries).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(receiver.received).toHaveLength(tries); // nothing is sent to a disabled endpoint

    receiver.answer = () => 200;
    const enabled = await system.api.call<Record<string, unknown>>('PATCH', `/webhooks/${id}`, {
      body: { enabled: true },
    });
    expect(enabled.body).toMatchObject({
      enabled: true,
      disabled_at: null,
      disabled_reason: null,
      failing_since: null,
    });
    await eventually(() => receiver.accepted.length === 1, 'the pending delivery after enabling');
  });
});
