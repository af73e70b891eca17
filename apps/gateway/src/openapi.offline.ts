import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { GatewayConfig } from './config';
import { buildOpenApiDocument } from './openapi';

/**
 * The document `/openapi.json` serves, built without a running stack (the NATS client connects on first use
 * only): for the pages' generated types and the checks on the document.
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.with(new GatewayConfig()), new FastifyAdapter(), { logger: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
