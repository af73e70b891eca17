import autocannon from 'autocannon';
import { authHeaders } from './credentials';
import type { CannonResult, CannonTask } from './protocol';

/** Closed-loop load: `connections` keep-alive connections, each sending its next request on each answer. */
export async function runCannon(task: CannonTask): Promise<CannonResult> {
  const pick = (): string => task.paths[Math.floor(Math.random() * task.paths.length)];
  const run = (durationS: number): Promise<autocannon.Result> =>
    autocannon({
      url: task.baseUrl,
      connections: task.connections,
      duration: durationS,
      method: task.method,
      headers: authHeaders(),
      requests: [{ method: task.method, setupRequest: (request) => ({ ...request, path: pick() }) }],
    });
  if (task.warmupS > 0) {
    await run(task.warmupS);
  }
  const result = await run(task.durationS);
  const statusCodes = Object.fromEntries(
    Object.entries((result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats).map(
      ([code, { count }]) => [code, count],
    ),
  );
  const ok = result['2xx'];
  return {
    title: task.title,
    durationS: result.duration,
    responses: ok + result.non2xx,
    ok,
    okPerSecond: Math.round(ok / result.duration),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
    },
  };
}
