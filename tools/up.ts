import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startNats } from './stack/nats-server';
import { startStack } from './stack/stack';

/**
 * `npm run up`: a local NATS with JetStream under `.data/nats` (or the broker at NATS_URL), the four services
 * on SQLite files in `.data/`, the URLs printed, and everything stopped cleanly on Ctrl-C or SIGTERM.
 */
async function up(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  const nats = await startNats(join(dataDir, 'nats'), process.env.NATS_URL);
  const port = Number(process.env.PORT ?? 3000);
  const stack = await startStack({ natsUrl: nats.url, dataDir, port });
  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    await nats.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  await stack.ready(60_000);
  const operations = stack.processes.map((service) => `  ${service.name.padEnd(15)} ${service.opsUrl}`).join('\n');
  console.log(`
Referral platform is up.
  API and pages   ${stack.baseUrl}
  Dashboard       ${stack.baseUrl}/static/index.html?user_id=1
  Referral tree   ${stack.baseUrl}/static/referrals.html?user_id=1
  API docs        ${stack.baseUrl}/docs (OpenAPI at ${stack.baseUrl}/openapi.json)
  NATS            ${nats.url}
  Data            ${dataDir}
  Logs            ${dataDir}/<service>.log (JSON lines)
/health, /ready and /metrics of each service:
${operations}
Press Ctrl-C to stop.`);
}

up().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
