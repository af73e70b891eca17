import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { basename, dirname } from 'node:path';
import { CHART_JS_FILE, STATIC_ROOT } from './static-paths';

/** Where the pages load Chart.js from (see static/index.html). */
export const CHART_JS_URL = '/static/vendor/chart.umd.min.js';

/**
 * Serves the pages: `/static/*` from the static folder, `/` as the dashboard, and Chart.js from node_modules.
 * Plain Fastify routes, outside Nest's guards: the files hold no data, so they need no credential; the API
 * calls the pages make are checked like any other client's. Unknown files fall through to the gateway's 404
 * error body.
 */
export async function servePages(app: NestFastifyApplication): Promise<void> {
  // Registered directly rather than through app.useStaticAssets(), whose option types describe an older
  // @fastify/static.
  // The pages' Content-Security-Policy is sent on every response by helmet (http/security-headers.ts).
  await app.register(fastifyStatic, { root: STATIC_ROOT, prefix: '/static/' });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) => reply.sendFile('index.html'));
  fastify.get(CHART_JS_URL, (_request, reply) => reply.sendFile(basename(CHART_JS_FILE), dirname(CHART_JS_FILE)));
}
