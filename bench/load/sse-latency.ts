import { performance } from 'node:perf_hooks';
import { summarize } from '../stats';
import { forEachConcurrently, HttpClient } from './http';
import { pace, settle } from './pacer';
import type { SseLatencyResult, SseLatencyTask } from './protocol';
import { purchasePath, type PurchaseAnswer } from './purchases';
import { SseStream, type ReceivedEvent } from './sse-client';

interface SentPurchase {
  sentAt: number;
  measured: boolean;
}

/**
 * Opens one stream per subscribed user, then sends purchases at a fixed rate and times each credit from the
 * purchase request to its event at the client. An event can overtake its purchase's HTTP answer (which
 * carries the purchase id), so early events wait until the answer names their purchase.
 */
export async function measureSseLatency(task: SseLatencyTask): Promise<SseLatencyResult> {
  const client = new HttpClient(256);
  const subscribed = new Set(task.subscribe);
  const purchases = new Map<number, SentPurchase>();
  const early = new Map<number, number[]>();
  const samples: number[] = [];
  const purchaseLatencies: number[] = [];
  let receivedEvents = 0;
  let expectedEvents = 0;

  const record = (purchase: SentPurchase, at: number): void => {
    if (purchase.measured) {
      receivedEvents++;
      samples.push(at - purchase.sentAt);
    }
  };
  const onEvent = (event: ReceivedEvent): void => {
    const purchaseId = event.data.purchase_id;
    if (typeof purchaseId !== 'number') {
      return;
    }
    const purchase = purchases.get(purchaseId);
    if (purchase) {
      record(purchase, event.at);
    } else {
      early.set(purchaseId, [...(early.get(purchaseId) ?? []), event.at]);
    }
  };

  const streams: SseStream[] = [];
  let streamsFailed = 0;
  await forEachConcurrently(task.subscribe, 100, async (userId) => {
    const stream = new SseStream(`${task.eventsBaseUrl}/events/${userId}`, onEvent);
    try {
      await stream.open();
      streams.push(stream);
    } catch {
      streamsFailed++;
    }
  });

  let sent = 0;
  let ok = 0;
  let failed = 0;
  let inFlight = 0;
  const warmupMs = task.warmupS * 1000;
  const elapsedS = await pace(task.rate, task.warmupS + task.durationS, (_, startedAt) => {
    const buyer = task.buyers[Math.floor(Math.random() * task.buyers.length)];
    const sentAt = performance.now();
    const measured = sentAt - startedAt >= warmupMs;
    sent++;
    inFlight++;
    client
      .send('POST', `${task.baseUrl}${purchasePath(buyer, task.amount)}`)
      .then((answer) => {
        if (answer.status !== 201) {
          failed++;
          return;
        }
        ok++;
        const body = JSON.parse(answer.body) as PurchaseAnswer;
        const purchase = { sentAt, measured };
        if (measured) {
          purchaseLatencies.push(performance.now() - sentAt);
          expectedEvents += body.commissions.filter((c) => c.amount > 0 && subscribed.has(c.user_id)).length;
        }
        purchases.set(body.purchase_id, purchase);
        for (const at of early.get(body.purchase_id) ?? []) {
          record(purchase, at);
        }
        early.delete(body.purchase_id);
      })
      .catch(() => failed++)
      .finally(() => inFlight--);
  });
  await settle(() => inFlight, 10_000);
  await settle(() => expectedEvents - receivedEvents, 5_000);
  // Purchases still unanswered count as failed.
  const unanswered = inFlight;
  for (const stream of streams) {
    stream.close();
  }
  client.close();
  return {
    streamsOpened: streams.length,
    streamsFailed,
    sent,
    ok,
    failed: failed + unanswered,
    achievedRate: Math.round(sent / elapsedS),
    expectedEvents,
    receivedEvents,
    latency: summarize(samples),
    purchaseLatency: summarize(purchaseLatencies),
  };
}
