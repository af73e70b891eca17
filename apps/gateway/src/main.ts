import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpApp, exitOnStartupFailure } from '@app/platform';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { registerEventsProxy } from './events/events.proxy';
import { buildOpenApiDocument, serveOpenApi } from './openapi';
import { servePages } from './pages/serve-pages';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await createHttpApp(AppModule.with(config), { service: 'gateway', logLevel: config.LOG_LEVEL });
  await registerEventsProxy(app, config.NOTIFIER_URL);
  await servePages(app);
  serveOpenApi(app, buildOpenApiDocument(app));
  await app.listen(config.PORT, config.HOST);
  new Logger('gateway').log(`gateway is listening on ${await app.getUrl()}`);
}

main().catch(exitOnStartupFailure);
