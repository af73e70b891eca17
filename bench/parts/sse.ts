import { authHeaders } from '../load/credentials';
import type { BenchStack } from '../bench-stack';
import type { BenchContext } from '../context';
import { runLoad } from '../load-process';
import type { SseCapacityResult, SseLatencyResult } from '../load/protocol';
import { createForest } from './forest';

/** An SSE part that could not run because there is no `/events` yet: reported, not failed. */
export interface Unavailable {
  unavailable: string;
}

/**
 * Whether `GET {base}/events/{userId}` is an event stream. The endpoint is SPEC.md's number 6; until the
 * notifier serves it the gateway answers 404 for the route (or the notifier's port does not listen).
 */
export async function probeEvents(eventsBaseUrl: string, userId: number): Promise<Unavailable | undefined> {
  const abort = new AbortController();
  try {
    const response = await fetch(`${eventsBaseUrl}/events/${userId}`, { signal: abort.signal, headers: authHeaders() });
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 200 && type.startsWith('text/event-stream')) {
      return undefined;
    }
    return { unavailable: response.status === 404 ? 'n/a (no /events)' : `n/a (/events answered ${response.status})` };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return { unavailable: code === 'ECONNREFUSED' ? 'n/a (no /events)' : `n/a (${String(error)})` };
  } finally {
    abort.abort();
  }
}

/** Part 2: purchases at a fixed rate with streams open for the referrers; request → event latency. */
export async function measureSseLatency(
  context: BenchContext,
  stack: BenchStack,
): Promise<SseLatencyResult | Unavailable> {
  const { scale } = context;
  context.log(`Purchase → SSE: ${scale.sseRate}/s for ${scale.sseS} s with streams open for the referrers`);
  const forest = await createForest(context, stack, scale.sseForest, 'Subscriber');
  const unavailable = await probeEvents(stack.baseUrl, forest.referrers[0]);
  if (unavailable) {
    context.log(`  ${unavailable.unavailable}`);
    return unavailable;
  }
  return runLoad({
    kind: 'sse-latency',
    baseUrl: stack.baseUrl,
    eventsBaseUrl: stack.baseUrl,
    subscribe: forest.referrers,
    buyers: forest.buyers,
    amount: '1000',
    rate: scale.sseRate,
    durationS: scale.sseS,
    warmupS: scale.sseWarmupS,
  });
}

export type SseCapacityOutcome = SseCapacityResult & { via: 'notifier' | 'gateway' };

/** Part 3: many streams for one user on one notifier, one credit fanned out to all of them. */
export async function measureSseCapacity(
  context: BenchContext,
  stack: BenchStack,
): Promise<SseCapacityOutcome | Unavailable> {
  const { scale } = context;
  context.log(`SSE capacity: ${scale.sseStreams.toLocaleString('en')} streams for one user, one credit`);
  const pair = await createForest(context, stack, { trees: 1, treeSize: 2 }, 'Fan-out');
  const [userId, buyerId] = pair.ids;
  // Straight to the notifier when the stack is ours: the capacity of one notifier, without the proxy's sockets.
  let eventsBaseUrl = stack.notifierUrl ?? stack.baseUrl;
  let unavailable = await probeEvents(eventsBaseUrl, userId);
  if (unavailable && eventsBaseUrl !== stack.baseUrl) {
    eventsBaseUrl = stack.baseUrl;
    unavailable = unavailable && (await probeEvents(eventsBaseUrl, userId));
  }
  if (unavailable) {
    context.log(`  ${unavailable.unavailable}`);
    return unavailable;
  }
  const result = await runLoad({
    kind: 'sse-capacity',
    baseUrl: stack.baseUrl,
    eventsBaseUrl,
    userId,
    buyerId,
    streams: scale.sseStreams,
    connectConcurrency: 200,
    notifierPid: stack.pids().notifier,
    timeoutMs: 15_000,
  });
  return { ...result, via: eventsBaseUrl === stack.baseUrl ? 'gateway' : 'notifier' };
}
