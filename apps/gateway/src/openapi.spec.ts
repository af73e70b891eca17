import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { GatewayConfig } from './config';
import { redoclyLint, SPEC_ENDPOINTS } from '@app/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument, SecurityScheme } from './openapi';
import { PAGE_TYPES_DIR, pageTypes } from './page-types';

type Operation = {
  operationId: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
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
    expect(parameters('get', '/earnings/{user_id}')).toEqual(['path:user_id', 'query:cursor', 'query:limit']);
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
      ['cap_remaining', 'details', 'earnings_by_level', 'next_cursor', 'total_earnings', 'user_id'].sort(),
    );
    expect(keys('ErrorBody')).toEqual(['code', 'message', 'statusCode']);
    expect(keys('CreditEventData')).toEqual(
      ['amount', 'level', 'purchase_id', 'source_user_id', 'timestamp', 'total_earnings'].sort(),
    );
  });

  const operations = (): [string, Operation][] =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(
        ([method, op]) => [`${method} ${path}`, op] as [string, Operation],
      ),
    );
  const schemesOf = (method: string, path: string): string[] =>
    (operation(method, path).security ?? []).flatMap((requirement) => Object.keys(requirement)).sort();

  it('passes redocly lint with the recommended rules: no error', async () => {
    const errors = (await redoclyLint(document)).filter((problem) => problem.severity === 'error');
    expect(errors).toEqual([]);
  }, 30_000);

  it("declares on every operation the credentials its route's access rule accepts", () => {
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(
      Object.values(SecurityScheme).sort(),
    );
    for (const [name, described] of operations()) {
      expect({ name, security: Array.isArray(described.security) }).toEqual({ name, security: true });
    }
    expect(schemesOf('get', '/health')).toEqual([]);
    // Admin only (no rule), and a scope: API keys and their sessions, never a user token.
    expect(schemesOf('get', '/audit')).toEqual(['api_key', 'api_key_bearer', 'session_token']);
    expect(schemesOf('post', '/purchase')).toEqual(['api_key', 'api_key_bearer', 'session_token']);
    // Minting a session: the key itself, so that a session cannot renew itself.
    expect(schemesOf('post', '/session')).toEqual(['api_key', 'api_key_bearer']);
    const userData = ['api_key', 'api_key_bearer', 'session_token', 'user_token'];
    expect(schemesOf('get', '/earnings/{user_id}')).toEqual(userData);
    expect(schemesOf('get', '/leaderboard')).toEqual(userData);
    expect(schemesOf('get', '/events/{user_id}')).toEqual(['access_token', ...userData]);
  });

  it('gives every operation a summary and its 4xx and 5xx answers with the error body', () => {
    for (const [name, described] of operations()) {
      expect({ name, summary: typeof described.summary }).toEqual({ name, summary: 'string' });
      const errors = Object.entries(described.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      expect({ name, has4xx: errors.some(([status]) => status.startsWith('4')) }).toEqual({ name, has4xx: true });
      expect({ name, has500: '500' in described.responses }).toEqual({ name, has500: true });
      for (const [status, response] of errors) {
        // Every 4xx and the 500 carry the error body; a 503 does too, except the health checks' report.
        const ref = response.content?.['application/json']?.schema?.$ref;
        if (!(status === '503' && ['get /health', 'get /ready'].includes(name))) {
          expect({ name, status, ref }).toEqual({ name, status, ref: '#/components/schemas/ErrorBody' });
        }
      }
    }
    expect(Object.keys(operation('post', '/purchase').responses)).toEqual(
      expect.arrayContaining(['401', '403', '429', '500']),
    );
    expect(Object.keys(operation('get', '/health').responses)).not.toContain('401');
  });

  it("matches the pages' generated types (run `npm run generate:page-types` after changing the API)", async () => {
    const generated = await pageTypes(document);
    for (const [file, text] of Object.entries(generated)) {
      expect({ file, text: readFileSync(join(PAGE_TYPES_DIR, file), 'utf8') }).toEqual({ file, text });
    }
  }, 30_000);
});
