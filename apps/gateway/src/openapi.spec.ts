import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { GatewayConfig } from './config';
import { SPEC_ENDPOINTS } from '@app/testing';
import { buildOpenApiDocument } from './openapi';

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

describe(buildOpenApiDocument.name, () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  const operation = (method: string, path: string): Operation =>
    (document.paths[path] as Record<string, Operation> | undefined)?.[method] as Operation;
  const parameters = (method: string, path: string): string[] =>
    (operation(method, path).parameters ?? []).map((parameter) => `${parameter.in}:${parameter.name}`).sort();

  beforeAll(async () => {
    // The NATS client connects on first use only, so the document is built without a broker.
    app = await NestFactory.create(AppModule.with(new GatewayConfig()), new FastifyAdapter(), { logger: false });
    document = buildOpenApiDocument(app);
  });
  afterAll(() => app.close());

  it.each(SPEC_ENDPOINTS)('describes %s %s with its success and error answers', (method, path) => {
    const described = operation(method, path);
    expect(described).toBeDefined();
    expect(Object.keys(described.responses)).toEqual(expect.arrayContaining(['400', '503']));
    expect(Object.keys(described.responses).some((status) => /^2\d\d$/.test(status))).toBe(true);
  });

  it('names the parameters as SPEC.md does', () => {
    expect(parameters('post', '/user')).toEqual(['query:name']);
    expect(parameters('post', '/refer')).toEqual(['query:referrer_id', 'query:user_id']);
    expect(parameters('post', '/purchase')).toEqual(['header:idempotency-key', 'query:amount', 'query:buyer_id']);
    expect(parameters('get', '/earnings/{user_id}')).toEqual(['path:user_id']);
    expect(parameters('get', '/leaderboard')).toEqual(['query:limit']);
    expect(parameters('get', '/events/{user_id}')).toEqual([
      'header:Last-Event-ID',
      'path:user_id',
      'query:last_event_id',
    ]);
    expect(operation('post', '/purchase').requestBody).toBeDefined();
  });

  it('describes the response bodies with the keys SPEC.md fixes', () => {
    const schemas = document.components?.schemas as Record<string, { properties?: Record<string, unknown> }>;
    const keys = (name: string): string[] => Object.keys(schemas[name]?.properties ?? {}).sort();
    expect(keys('PurchaseResponse')).toEqual(
      ['amount', 'buyer_id', 'commissions', 'is_valid', 'note', 'purchase_id', 'timestamp'].sort(),
    );
    expect(keys('EarningsResponse')).toEqual(
      ['cap_remaining', 'details', 'earnings_by_level', 'total_earnings', 'user_id'].sort(),
    );
    expect(keys('ErrorBody')).toEqual(['code', 'message', 'statusCode']);
    expect(keys('CreditEventData')).toEqual(
      ['amount', 'level', 'purchase_id', 'source_user_id', 'timestamp', 'total_earnings'].sort(),
    );
  });
});
