import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNats, type NatsHandle } from '../../../tools/stack/nats-server';
import { testSettings } from './test.config';

/**
 * A `nats-server` with JetStream for one test file (or the broker `TEST_NATS_URL` names), its data in a
 * temporary directory that stopping it removes: for tests of a piece that talks to the broker, not a service.
 */
export async function startTestBroker(name: string): Promise<NatsHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
  const broker = await startNats(join(dataDir, 'nats'), testSettings.natsUrl);
  return {
    url: broker.url,
    get pid() {
      return broker.pid;
    },
    restart: () => broker.restart(),
    stop: async () => {
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
