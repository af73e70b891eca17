import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpApp, exitOnStartupFailure } from '@app/platform';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { registerEventsProxy } from './events/events.proxy';
import { installHttpSecurity } from './http/http-security';
import { buildOpenApiDocument, serveOpenApi } from './openapi';
import { servePages } from './pages/serve-pages';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await createHttpApp(AppModule.with(config), {
    service: 'gateway',
    logLevel: config.LOG_LEVEL,
    // A larger body is refused (413) as it arrives, before it is buffered or parsed.
    bodyLimit: config.BODY_LIMIT_BYTES,
  });
  // First, so that its hooks cover every route registered after it: the /events proxy and the pages.
  await installHttpSecurity(app, config);
  await registerEventsProxy(app, config.NOTIFIER_URL);
  await servePages(app);
  serveOpenApi(app, buildOpenApiDocument(app));
  await app.listen(config.PORT, config.HOST);
  new Logger('gateway').log(`gateway is listening on ${await app.getUrl()}`);
}

main().catch(exitOnStartupFailure);
