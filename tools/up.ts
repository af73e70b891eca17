import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scaleOutFrom } from './scale-out';
import { generateApiKey, generateTokenSecret, generateWebhookSecretKey, type GatewayAuth } from './stack/credentials';
import { startNats } from './stack/nats-server';
import { startStack } from './stack/stack';
import type { SupervisorOptions } from './stack/supervisor';

/** How long the printed dashboard link works: a week, so a demo left open keeps working. */
const DASHBOARD_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;
/**
 * How long the printed operator link works: an hour, long enough to look around after start-up. It acts for
 * the admin key and sits in the terminal's scroll-back and the browser's history, so it must die soon; the
 * key mints another at any time (the terminal says how).
 */
const OPERATOR_SESSION_TTL_SECONDS = 60 * 60;

/**
 * `npm run up`: a local NATS with JetStream under `.data/nats` (or the broker at NATS_URL), the four services
 * on SQLite files in `.data/` (or on PostgreSQL, several instances each: `scale-out.ts`), the URLs printed, and
 * everything stopped cleanly on Ctrl-C or SIGTERM.
 */
async function up(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  // First, so that a wrong setting stops the launcher before anything starts.
  const scaleOut = await scaleOutFrom(process.env);
  const auth = localAuth(dataDir);
  const adminKey = auth.keys[0].key;
  const nats = await startNats(join(dataDir, 'nats'), process.env.NATS_URL);
  const port = Number(process.env.PORT ?? 3000);
  // The key that encrypts webhook secrets at rest: kept beside the data it protects the secrets of, for local runs.
  const webhookKeys =
    process.env.WEBHOOK_SECRET_KEYS ?? secretFile(join(dataDir, 'webhook-secret-keys'), generateWebhookSecretKey);
  const serviceEnv = scaleOut.stack.serviceEnv ?? {};
  let giveUp = (): void => undefined;
  const supervise = localSupervision(dataDir, () => giveUp());
  const stack = await startStack({
    natsUrl: nats.url,
    dataDir,
    port,
    auth,
    supervise,
    ...scaleOut.stack,
    serviceEnv: { ...serviceEnv, notifier: { ...serviceEnv.notifier, WEBHOOK_SECRET_KEYS: webhookKeys } },
  });
  let stopping = false;
  const shutdown = async (exitCode = 0): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    await nats.stop();
    process.exit(exitCode);
  };
  giveUp = () => void shutdown(1);
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  await stack.ready(60_000);
  const viewer = await dashboardToken(stack.baseUrl, adminKey);
  const operator = await operatorSession(stack.baseUrl, adminKey);
  const pageUrl = (page: string, userId: number, token: string): string =>
    `${stack.baseUrl}/static/${page}?user_id=${userId}&token=${encodeURIComponent(token)}`;
  const operations = stack.processes
    .map((service, index) => {
      // Extra instances are numbered as their log files are (`commissions-2.log`).
      const nth = stack.processes.slice(0, index).filter((other) => other.name === service.name).length;
      return `  ${(nth === 0 ? service.name : `${service.name}-${nth + 1}`).padEnd(15)} ${service.opsUrl}`;
    })
    .join('\n');
  console.log(`
Referral platform is up.
  API and pages   ${stack.baseUrl}
  Admin API key   ${adminKey}
                  (kept in ${join(dataDir, 'admin-key')}; send it as "Authorization: Bearer <key>")
  Dashboard       ${pageUrl('index.html', viewer.userId, viewer.token)}
                  (user ${viewer.userId}'s token, read-only, valid until ${viewer.expiresAt})
  Referral tree   ${pageUrl('referrals.html', viewer.userId, viewer.token)}
  Operator view   ${pageUrl('index.html', viewer.userId, operator.token)}
                  (an admin session: purchases, deactivation, any user. It expires at ${operator.expiresAt};
                  mint another with the key and open its dashboard_url:
                  curl -X POST -H "Authorization: Bearer $(cat ${join(dataDir, 'admin-key')})" ${stack.baseUrl}/session)
  API docs        ${stack.baseUrl}/docs (OpenAPI at ${stack.baseUrl}/openapi.json)
  NATS            ${nats.url}
  Data            ${dataDir}
  Databases       ${scaleOut.summary}
  Logs            ${dataDir}/<service>.log (JSON lines)
/health, /ready and /metrics of each service:
${operations}
Press Ctrl-C to stop.`);
}

/** Crashed services come back with back-off; one that keeps crashing stops the whole stack, naming its log. */
function localSupervision(dataDir: string, stopAll: () => void): SupervisorOptions {
  return {
    onGiveUp: (service) => {
      console.error(`[supervisor] See ${join(dataDir, `${service.label}.log`)}. Stopping the stack.`);
      stopAll();
    },
  };
}

/**
 * The admin key and token secret of this data folder: made on the first run (readable by this user only) and
 * reused after, so printed links and scripts keep working across restarts.
 */
function localAuth(dataDir: string): GatewayAuth {
  return {
    keys: [{ id: 'admin', scopes: ['admin'], key: secretFile(join(dataDir, 'admin-key'), generateApiKey) }],
    tokenSecret: secretFile(join(dataDir, 'token-secret'), generateTokenSecret),
  };
}

function secretFile(path: string, generate: () => string): string {
  if (existsSync(path)) {
    chmodSync(path, 0o600);
    return readFileSync(path, 'utf8').trim();
  }
  const secret = generate();
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** A user token for user 1, or for a demo user made now when there are no users yet. */
async function dashboardToken(
  baseUrl: string,
  adminKey: string,
): Promise<{ userId: number; token: string; expiresAt: string }> {
  const call = async (path: string): Promise<Response> =>
    fetch(new URL(path, baseUrl), { method: 'POST', headers: { authorization: `Bearer ${adminKey}` } });
  let userId = 1;
  let minted = await call(`/user/${userId}/token?ttl=${DASHBOARD_TOKEN_TTL_SECONDS}`);
  if (minted.status === 404) {
    const created = await call('/user?name=Demo');
    userId = ((await created.json()) as { user_id: number }).user_id;
    minted = await call(`/user/${userId}/token?ttl=${DASHBOARD_TOKEN_TTL_SECONDS}`);
  }
  const body = (await minted.json()) as { token?: string; expires_at?: string; message?: string };
  if (!minted.ok || body.token === undefined || body.expires_at === undefined) {
    throw new Error(`Could not mint a dashboard token: ${minted.status} ${body.message ?? ''}`);
  }
  return { userId, token: body.token, expiresAt: body.expires_at };
}

/** A session token for the admin key, so that the operator link holds a token that expires, never the key. */
async function operatorSession(baseUrl: string, adminKey: string): Promise<{ token: string; expiresAt: string }> {
  const minted = await fetch(new URL(`/session?ttl=${OPERATOR_SESSION_TTL_SECONDS}`, baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}` },
  });
  const body = (await minted.json()) as { token?: string; expires_at?: string; message?: string };
  if (!minted.ok || body.token === undefined || body.expires_at === undefined) {
    throw new Error(`Could not mint an operator session: ${minted.status} ${body.message ?? ''}`);
  }
  return { token: body.token, expiresAt: body.expires_at };
}

up().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
