import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createValidationPipe, exitOnStartupFailure } from '@app/platform';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { ErrorResponseFilter } from './http/error-response.filter';
import { installHttpSecurity } from './http/http-security';
import { servePages } from './pages/serve-pages';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with(config),
    // A larger body is refused (413) as it arrives, before it is buffered or parsed.
    new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES }),
    { logger: ['error', 'warn', 'log'] },
  );
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  // First, so that its hooks cover every route registered after it: the pages and the /events proxy.
  await installHttpSecurity(app, config);
  await servePages(app);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  new Logger('gateway').log(`gateway is listening on ${await app.getUrl()}`);
}

main().catch(exitOnStartupFailure);
