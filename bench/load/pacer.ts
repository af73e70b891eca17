import { performance } from 'node:perf_hooks';

/**
 * Open-loop pacing: calls `fire(i)` so that `rate` calls per second happen on schedule whether or not earlier
 * ones have been answered (a closed loop would slow down with the server and hide its queueing).
 */
export function pace(
  rate: number,
  durationS: number,
  fire: (index: number, startedAt: number) => void,
): Promise<number> {
  const total = Math.round(rate * durationS);
  const startedAt = performance.now();
  let sent = 0;
  return new Promise((done) => {
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) * rate) / 1000));
      while (sent < due) {
        fire(sent++, startedAt);
      }
      if (sent >= total) {
        clearInterval(timer);
        done((performance.now() - startedAt) / 1000);
      }
    };
    const timer = setInterval(tick, 2);
  });
}

/** Resolves when `pending()` reaches 0 or `timeoutMs` passes. */
export async function settle(pending: () => number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (pending() > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
