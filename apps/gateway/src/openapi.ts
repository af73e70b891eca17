import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { CreditEventData, EVENTS_PATH } from './events/events.openapi';
import { ErrorBody } from './http/api-docs';

/** Where the document and its browsable UI are served. */
export const OPENAPI_JSON_PATH = '/openapi.json';
export const OPENAPI_UI_PATH = '/docs';

/**
 * The API described from the controllers and DTOs (decorators, not the Swagger CLI plugin: the build is plain
 * tsc), plus the SSE route, which is a proxy rather than a controller.
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
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody, CreditEventData] });
  document.paths['/events/{user_id}'] = EVENTS_PATH;
  return document;
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
