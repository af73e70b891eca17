import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createValidationPipe, exitOnStartupFailure } from '@app/platform';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { ErrorResponseFilter } from './http/error-response.filter';
import { servePages } from './pages/serve-pages';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.with(config), new FastifyAdapter(), {
    logger: ['error', 'warn', 'log'],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  await servePages(app);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  new Logger('gateway').log(`gateway is listening on ${await app.getUrl()}`);
}

main().catch(exitOnStartupFailure);
