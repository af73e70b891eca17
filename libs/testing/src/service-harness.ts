import { testSettings } from './test.config';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { ClientProxyFactory, type ClientProxy } from '@nestjs/microservices';
import { bootstrapService, natsTransport, ServiceClient } from '@app/platform';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNats, type NatsHandle } from '../../../tools/stack/nats-server';

export interface ServiceHarness {
  /** Sends typed requests to the service under test, as another service would. */
  client: ServiceClient;
  nats: NatsHandle;
  dataDir: string;
  app: INestMicroservice;
  /** Closes the service and starts it again on the same database and broker. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs one service in this process against a real `nats-server` of its own and a temporary SQLite file, for
 * per-service integration tests. `module` receives the database path and the broker URL.
 */
export async function startService(
  service: string,
  module: (settings: { databaseUrl: string; natsUrl: string }) => DynamicModule,
): Promise<ServiceHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), `${service}-it-`));
  const nats = await startNats(join(dataDir, 'nats'), testSettings.natsUrl);
  const boot = () =>
    bootstrapService(
      module({ databaseUrl: join(dataDir, `${service}.sqlite`), natsUrl: nats.url }),
      service,
      nats.url,
      'warn',
    );
  const app = await boot();
  const proxy: ClientProxy = ClientProxyFactory.create(natsTransport(nats.url));
  await proxy.connect();
  const harness: ServiceHarness = {
    client: new ServiceClient(proxy, 2_000),
    nats,
    dataDir,
    app,
    restart: async () => {
      await harness.app.close();
      harness.app = await boot();
    },
    stop: async () => {
      await proxy.close();
      await harness.app.close();
      await nats.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
