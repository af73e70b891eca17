import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, type ServiceName } from '../tools/stack/stack';
import { eventually, redoclyLint, SPEC_ENDPOINTS } from '@app/testing';
import { parseMetrics, total, type Sample } from './support/prometheus';
import { startSystem, type System } from './support/system';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Operations: health, readiness, metrics, logs with request ids, OpenAPI', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  /** The gateway's port is public: its /metrics takes the admin key; the other ops ports need none. */
  const opsGet = (service: ServiceName, path: string): Promise<Response> =>
    fetch(`${system.services[service].opsUrl}${path}`, {
      headers: service === 'gateway' && path === '/metrics' ? { authorization: `Bearer ${system.adminKey}` } : {},
    });

  async function metricsOf(service: ServiceName): Promise<Sample[]> {
    const response = await opsGet(service, '/metrics');
    expect(response.status).toBe(200);
    return parseMetrics(await response.text());
  }

  /** The service's log file, one parsed JSON object per line: every line must be JSON. */
  function logOf(service: ServiceName): Record<string, unknown>[] {
    return readFileSync(join(system.dataDir, `${service}.log`), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it.each(SERVICES)('%s answers /health and /ready with 200', async (service) => {
    for (const path of ['/health', '/ready']) {
      const response = await opsGet(service, path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(await response.json()).toMatchObject({ status: 'ok' });
    }
  });

  it('checks NATS on every service and the database where there is one', async () => {
    for (const service of SERVICES) {
      const { details } = (await (await opsGet(service, '/ready')).json()) as { details: Record<string, unknown> };
      // The notifier has a database of its own since webhooks.
      const expected = service === 'gateway' ? ['nats'] : ['database', 'nats'];
      expect({ service, checks: Object.keys(details).sort() }).toEqual({ service, checks: expected });
    }
  });

  it("keeps the gateway's /metrics, on the public port, to admin keys", async () => {
    const url = `${system.baseUrl}/metrics`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('http_request_duration_seconds');
    const user = await system.api.createUser('Metrics reader');
    const token = (await system.api.post(`/user/${user}/token`)).body.token as string;
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    expect((await opsGet('gateway', '/metrics')).status).toBe(200);
  });

  it('exposes Prometheus metrics on every service, labelled with its name', async () => {
    for (const service of SERVICES) {
      const response = await opsGet(service, '/metrics');
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const samples = parseMetrics(await response.text());
      expect(samples.find((sample) => sample.name === 'process_cpu_user_seconds_total')?.labels.service).toBe(service);
    }
    const notifier = await metricsOf('notifier');
    expect(total(notifier, 'notifier_sse_connections')).toBe(0);
    expect(notifier.some((sample) => sample.name === 'notifier_jetstream_consumer_pending')).toBe(true);
  });

  it('counts purchases, credits, capped and inactive shares, and times the requests', async () => {
    const before = await metricsOf('commissions');
    const referrer = await system.api.createUser('Referrer');
    const buyer = await system.api.createUser('Buyer');
    await system.api.refer(referrer, buyer);
    const buy = async (amount: number) =>
      expect((await system.api.post('/purchase', { buyer_id: buyer, amount })).status).toBe(201);
    await buy(500); // below ₹1000: recorded, not valid
    await buy(30_000); // 5% is ₹1500: capped at ₹1000
    expect((await system.api.patch(`/user/${referrer}/deactivate`)).status).toBe(200);
    await buy(1_500); // the referrer is inactive: nothing paid

    const after = await metricsOf('commissions');
    const moved = (name: string, labels: Record<string, string> = {}): number =>
      total(after, name, labels) - total(before, name, labels);
    expect({
      valid: moved('commissions_purchases_recorded_total', { is_valid: 'true' }),
      invalid: moved('commissions_purchases_recorded_total', { is_valid: 'false' }),
      credits: moved('commissions_credits_total', { level: '1' }),
      creditedPaise: moved('commissions_credited_paise_total', { level: '1' }),
      capped: moved('commissions_shares_capped_total', { level: '1' }),
      inactive: moved('commissions_shares_inactive_total', { level: '1' }),
    }).toEqual({ valid: 2, invalid: 1, credits: 1, creditedPaise: 100_000, capped: 1, inactive: 1 });
    expect(
      moved('nats_request_duration_seconds_count', { subject: 'commissions.purchase.record', outcome: 'ok' }),
    ).toBe(3);

    const gateway = await metricsOf('gateway');
    const purchases = { method: 'POST', route: '/purchase', status_code: '201' };
    expect(total(gateway, 'http_request_duration_seconds_count', purchases)).toBeGreaterThanOrEqual(3);
    // Routes are patterns, never raw URLs with ids in them.
    const routes = new Set(gateway.map((sample) => sample.labels.route).filter(Boolean));
    expect(routes).toContain('/user/:user_id/deactivate');
    expect([...routes].some((route) => /\d/.test(route))).toBe(false);
  });

  it('returns the X-Request-Id it was given, carries it to every service, and logs no credential', async () => {
    const referrer = await system.api.createUser('Logged referrer');
    const buyer = await system.api.createUser('Logged buyer');
    await system.api.refer(referrer, buyer);
    const requestId = `ops-test-${Date.now()}`;
    const secret = `secret-${Date.now()}`;
    const response = await system.api.post(
      '/purchase',
      { buyer_id: buyer, amount: 1_500 },
      { headers: { 'X-Request-Id': requestId, Authorization: `Bearer ${system.adminKey}`, 'Idempotency-Key': secret } },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    // A purchase asks commissions alone; a user change asks referrals, then commissions' copy of the tree.
    const change = await system.api.patch(`/user/${buyer}/deactivate`, {
      'X-Request-Id': requestId,
      Authorization: `Bearer ${system.adminKey}`,
    });
    expect(change.status).toBe(200);

    const handled = (service: ServiceName, subject: string) => () =>
      logOf(service).some((line) => line.requestId === requestId && line.subject === subject);
    await eventually(handled('commissions', 'commissions.purchase.record'), 'commissions to log the purchase');
    await eventually(handled('referrals', 'referrals.user.set-active'), 'referrals to log the change it made');
    await eventually(handled('commissions', 'commissions.members.apply'), 'commissions to log the change it took');
    // The gateway logs a request once its answer has gone out, so the line may follow the answer.
    await eventually(
      () =>
        logOf('gateway').some(
          (line) => line.requestId === requestId && line.route === '/purchase' && line.statusCode === 201,
        ),
      'the gateway to log the request',
    );
    for (const service of SERVICES) {
      const log = readFileSync(join(system.dataDir, `${service}.log`), 'utf8');
      expect(log).not.toContain(secret);
      expect(log).not.toContain(system.adminKey);
    }
  });

  it('makes a request id when the client sends none, or one that is not acceptable', async () => {
    const made = await system.api.get('/leaderboard');
    expect(made.headers.get('x-request-id')).toMatch(UUID);
    const refused = await system.api.get('/leaderboard', {}, { 'X-Request-Id': 'not acceptable: spaces' });
    expect(refused.headers.get('x-request-id')).toMatch(UUID);
  });

  it('describes every endpoint of SPEC.md in /openapi.json and serves the docs', async () => {
    const response = await system.api.get('/openapi.json');
    expect(response.status).toBe(200);
    const paths = response.body.paths as Record<string, Record<string, unknown>>;
    const missing = SPEC_ENDPOINTS.filter(([method, path]) => paths[path]?.[method] === undefined);
    expect(missing).toEqual([]);
    // As a client's tooling reads it: redocly's recommended rules find no error in the served document.
    expect((await redoclyLint(response.body)).filter((problem) => problem.severity === 'error')).toEqual([]);
    const docs = await fetch(`${system.baseUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });

  it('reports not ready on every service while NATS is down, alive all the same, and ready once it is back', async () => {
    await system.nats.stop();
    try {
      for (const service of SERVICES) {
        await eventually(async () => (await opsGet(service, '/ready')).status === 503, `${service} /ready to be 503`);
        const body = (await (await opsGet(service, '/ready')).json()) as { error: Record<string, unknown> };
        expect(Object.keys(body.error)).toContain('nats');
      }
      // Liveness does not depend on the broker, except the gateway's /health, which asks every service over it.
      for (const service of ['referrals', 'commissions', 'notifier'] as const) {
        expect((await opsGet(service, '/health')).status).toBe(200);
      }
      expect((await opsGet('gateway', '/health')).status).toBe(503);
    } finally {
      await system.nats.restart();
    }
    for (const service of SERVICES) {
      await eventually(async () => (await opsGet(service, '/ready')).status === 200, `${service} /ready to be 200`);
    }
    await system.ready();
  });
});
