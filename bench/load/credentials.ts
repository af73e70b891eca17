/**
 * The credential every bench request carries: the admin key of the stack the bench started (set by the
 * orchestrator before it spawns load processes, which inherit it), or `BENCH_API_KEY` for a system at BASE_URL.
 */
export const BENCH_API_KEY_ENV = 'BENCH_API_KEY';

export function authHeaders(): Record<string, string> {
  const key = process.env[BENCH_API_KEY_ENV];
  return key ? { authorization: `Bearer ${key}` } : {};
}
