import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import {
  DocumentBuilder,
  getSchemaPath,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
  type SecurityRequirementObject,
} from '@nestjs/swagger';
import { ErrorCode } from '@app/contracts';
import type { AccessRule } from './auth/access-rules';
import { accessRuleOf } from './auth/access.guard';
import { EVENTS_RULE } from './auth/events-access.hook';
import { CreditEventData, EVENTS_PATH } from './events/events.openapi';
import { ErrorBody } from './http/api-docs';

/** Where the document and its browsable UI are served. */
export const OPENAPI_JSON_PATH = '/openapi.json';
export const OPENAPI_UI_PATH = '/docs';

/** The security schemes, named as every operation's `security` names them. */
export const SecurityScheme = {
  /** An API key in `X-API-Key`. */
  ApiKey: 'api_key',
  /** The same API key as `Authorization: Bearer <key>`. */
  ApiKeyBearer: 'api_key_bearer',
  /** A user token (a JWT from `POST /user/{user_id}/token`) as `Authorization: Bearer <token>`. */
  UserToken: 'user_token',
  /** A session token (a JWT from `POST /session`) as `Authorization: Bearer <token>`: acts for its API key. */
  SessionToken: 'session_token',
  /** A user or session token (never an API key) in the `access_token` query parameter, on `/events` only. */
  AccessTokenQuery: 'access_token',
} as const;

/**
 * The API described from the controllers and DTOs (decorators, not the Swagger CLI plugin: the build is plain
 * tsc), plus the SSE route, which is a proxy rather than a controller; then completed by `completeOperations`.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Referral platform')
    .setDescription(
      'Multi-level referral commissions with live earnings. Every endpoint takes query parameters as shown; a ' +
        'JSON body with the same fields is accepted too. Errors are `{ statusCode, code, message }`. Each answer ' +
        'carries `X-Request-Id` (the one sent, or a new one).',
    )
    .setVersion('1')
    .addServer('/', 'The gateway that serves this document')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (admin, or with a scope)' },
      SecurityScheme.ApiKey,
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key sent as `Authorization: Bearer <key>`' },
      SecurityScheme.ApiKeyBearer,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: "A user token from `POST /user/{user_id}/token`: reads that user's own data",
      },
      SecurityScheme.UserToken,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A session token from `POST /session`: does what the API key that minted it may, until it expires',
      },
      SecurityScheme.SessionToken,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'query',
        name: 'access_token',
        description:
          'A user or session token in the URL, for EventSource, which cannot send headers. Never an API key ' +
          '(refused with 401): URLs end up in logs and browser history.',
      },
      SecurityScheme.AccessTokenQuery,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody, CreditEventData] });
  document.info.license = { name: 'UNLICENSED' };
  document.paths['/events/{user_id}'] = EVENTS_PATH;
  return completeOperations(document, accessRulesByOperationId(app));
}

/**
 * Serves the document at `/openapi.json` and Swagger UI at `/docs`. Both are Fastify routes, outside Nest's
 * guards: they describe the API and hold no data.
 */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Referral platform API',
  });
}

/**
 * The access rule of every controller route, by the operation id the explorer gives it (`Controller_method`),
 * read with the guard's own `accessRuleOf`: the document cannot say other than what the guard enforces.
 */
function accessRulesByOperationId(app: INestApplication): Map<string, AccessRule> {
  const reflector = new Reflector();
  const rules = new Map<string, AccessRule>([[EVENTS_PATH.get?.operationId ?? '', EVENTS_RULE]]);
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
      if (!controller) {
        continue;
      }
      const prototype = controller.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[method];
        if (method !== 'constructor' && typeof handler === 'function') {
          rules.set(`${controller.name}_${method}`, accessRuleOf(reflector, handler, controller));
        }
      }
    }
  }
  return rules;
}

const errorResponse = (description: string): ResponseObject => ({
  description,
  content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } },
});

/** Who may call a route with this rule, as security requirements (any one of them is enough). */
function securityOf(rule: AccessRule, operationId: string): SecurityRequirementObject[] {
  const scheme = (name: string): SecurityRequirementObject => ({ [name]: [] });
  const apiKeys = [scheme(SecurityScheme.ApiKey), scheme(SecurityScheme.ApiKeyBearer)];
  const keysAndSessions = [...apiKeys, scheme(SecurityScheme.SessionToken)];
  const query = operationId === EVENTS_PATH.get?.operationId ? [scheme(SecurityScheme.AccessTokenQuery)] : [];
  switch (rule.kind) {
    case 'public':
      return [];
    case 'admin-key':
      return apiKeys;
    case 'admin':
    case 'scope':
      return [...keysAndSessions, ...query];
    case 'own-user':
    case 'any-user':
      return [...keysAndSessions, scheme(SecurityScheme.UserToken), ...query];
  }
}

/** One line on who may call, appended to the operation's description. */
function accessNote(rule: AccessRule): string {
  switch (rule.kind) {
    case 'public':
      return 'Access: public, no credential.';
    case 'admin':
      return 'Access: admin API keys (or their session tokens).';
    case 'admin-key':
      return 'Access: admin API keys themselves, not session tokens.';
    case 'scope':
      return `Access: API keys with the \`${rule.scope}\` scope, and admin keys (or their session tokens).`;
    case 'own-user':
      return `Access: admin API keys (or their session tokens), and the user token of the user named by \`${rule.param}\`.`;
    case 'any-user':
      return 'Access: admin API keys (or their session tokens) and any user token.';
  }
}

/**
 * What every operation needs for clients and linters, applied in one place so that a new route gets it without
 * remembering: its security (from its access rule; a route without one is admin-only, as the guard has it), a
 * summary, and the error answers every route can give (401/403 when it needs a credential, 429 from the rate
 * limit, 500), each with the error body. Answers a route documents itself are kept.
 */
export function completeOperations(document: OpenAPIObject, rules: ReadonlyMap<string, AccessRule>): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const) {
      const operation: OperationObject | undefined = pathItem[method];
      if (!operation) {
        continue;
      }
      const operationId = operation.operationId ?? '';
      const rule = rules.get(operationId) ?? { kind: 'admin' };
      operation.security = securityOf(rule, operationId);
      operation.summary ??= firstSentence(operation.description) ?? operationId;
      operation.description = [operation.description, accessNote(rule)].filter(Boolean).join('\n\n');
      const responses = operation.responses;
      if (rule.kind !== 'public') {
        responses['401'] ??= errorResponse(
          `No credential, or one that is not valid (${ErrorCode.AuthUnauthenticated})`,
        );
        responses['403'] ??= errorResponse(`A valid credential without the right to this (${ErrorCode.AuthForbidden})`);
      }
      for (const [status, response] of Object.entries(responses)) {
        // An error is JSON even where the route produces something else (the CSV export): say so.
        if (/^[45]\d\d$/.test(status) && isErrorBodyElsewhere(response)) {
          (response as ResponseObject).content = errorResponse('').content;
        }
      }
      responses['429'] ??= errorResponse(
        `Too many requests from this credential or address (${ErrorCode.RateLimited})`,
      );
      responses['500'] ??= errorResponse(`An unexpected error; the body says no more (${ErrorCode.Internal})`);
    }
  }
  return document;
}

function isErrorBodyElsewhere(response: unknown): boolean {
  const content = (response as ResponseObject).content ?? {};
  const ref = getSchemaPath(ErrorBody);
  return (
    content['application/json'] === undefined &&
    Object.values(content).some((media) => (media.schema as { $ref?: string } | undefined)?.$ref === ref)
  );
}

function firstSentence(text: string | undefined): string | undefined {
  const sentence = text?.split(/(?<=\.)\s|\n/)[0]?.trim();
  return sentence ? sentence.replace(/\.$/, '') : undefined;
}
