import { performance } from 'node:perf_hooks';
import { rssKiB } from '../machine';
import { percentile } from '../stats';
import { forEachConcurrently, HttpClient } from './http';
import { settle } from './pacer';
import type { SseCapacityResult, SseCapacityTask } from './protocol';
import { purchasePath, type PurchaseAnswer } from './purchases';
import { SseStream, type ReceivedEvent } from './sse-client';

/**
 * Opens `streams` SSE connections for one user, reads the notifier's RSS before and after, then makes one
 * purchase that credits the user and times its event at every stream.
 */
export async function measureSseCapacity(task: SseCapacityTask): Promise<SseCapacityResult> {
  const arrivals = new Map<number, number[]>();
  const onEvent = (event: ReceivedEvent): void => {
    const purchaseId = event.data.purchase_id;
    if (typeof purchaseId === 'number') {
      let list = arrivals.get(purchaseId);
      if (!list) {
        list = [];
        arrivals.set(purchaseId, list);
      }
      list.push(event.at);
    }
  };
  const rssBeforeKiB = rssKiB(task.notifierPid);
  const streams: SseStream[] = [];
  let streamsFailed = 0;
  let firstFailure: string | undefined;
  const connectStart = performance.now();
  await forEachConcurrently(
    Array.from({ length: task.streams }, (_, index) => index),
    task.connectConcurrency,
    async () => {
      const stream = new SseStream(`${task.eventsBaseUrl}/events/${task.userId}`, onEvent);
      try {
        await stream.open(30_000);
        streams.push(stream);
      } catch (error) {
        streamsFailed++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    },
  );
  const connectSeconds = (performance.now() - connectStart) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const rssAfterKiB = rssKiB(task.notifierPid);

  const client = new HttpClient(4);
  const sentAt = performance.now();
  const answer = await client.send('POST', `${task.baseUrl}${purchasePath(task.buyerId, '1000')}`);
  const purchaseLatencyMs = performance.now() - sentAt;
  client.close();
  if (answer.status !== 201) {
    throw new Error(`The fan-out purchase answered ${answer.status}: ${answer.body}`);
  }
  const purchaseId = (JSON.parse(answer.body) as PurchaseAnswer).purchase_id;
  await settle(() => streams.length - (arrivals.get(purchaseId)?.length ?? 0), task.timeoutMs);
  const times = Float64Array.from(arrivals.get(purchaseId) ?? [], (at) => at - sentAt).sort();
  for (const stream of streams) {
    stream.close();
  }
  const round = (value: number): number => Math.round(value * 10) / 10;
  return {
    streamsOpened: streams.length,
    streamsFailed,
    firstFailure,
    connectSeconds: round(connectSeconds),
    rssBeforeKiB,
    rssAfterKiB,
    rssPerStreamKiB:
      rssBeforeKiB !== undefined && rssAfterKiB !== undefined && streams.length > 0
        ? round((rssAfterKiB - rssBeforeKiB) / streams.length)
        : undefined,
    received: times.length,
    sendToFirstMs: round(times.length ? times[0] : NaN),
    sendToMedianMs: round(percentile(times, 50)),
    sendToLastMs: round(times.length ? times[times.length - 1] : NaN),
    purchaseLatencyMs: round(purchaseLatencyMs),
  };
}
