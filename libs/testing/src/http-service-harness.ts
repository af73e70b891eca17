import { testSettings } from './test.config';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClientProxyFactory, type ClientProxy } from '@nestjs/microservices';
import { bootstrapHybridService, natsTransport, ServiceClient } from '@app/platform';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNats, type NatsHandle } from '../../../tools/stack/nats-server';

export interface HttpServiceHarness {
  /** The service's HTTP base URL (a free loopback port). */
  url: string;
  /** Sends typed requests to the service, as another service would. */
  client: ServiceClient;
  nats: NatsHandle;
  app: NestFastifyApplication;
  stop(): Promise<void>;
}

/**
 * Runs one hybrid service (HTTP and NATS, like the notifier) in this process against a real `nats-server` of
 * its own and a temporary SQLite file, listening on a free port. The sibling of `startService` for NATS-only services.
 */
export async function startHttpService(
  service: string,
  module: (settings: { natsUrl: string; databaseUrl: string }) => DynamicModule,
): Promise<HttpServiceHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), `${service}-it-`));
  const nats = await startNats(join(dataDir, 'nats'), testSettings.natsUrl);
  const databaseUrl = join(dataDir, `${service}.sqlite`);
  const app = await bootstrapHybridService(module({ natsUrl: nats.url, databaseUrl }), service, {
    natsUrl: nats.url,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'warn',
  });
  const proxy: ClientProxy = ClientProxyFactory.create(natsTransport(nats.url));
  await proxy.connect();
  return {
    url: await app.getUrl(),
    client: new ServiceClient(proxy, 2_000),
    nats,
    app,
    stop: async () => {
      await proxy.close();
      await app.close();
      await nats.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
