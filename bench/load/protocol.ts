import type { LatencySummary } from '../stats';

/**
 * What the bench asks of its load process, and what comes back. The load runs in a separate process so that
 * the figures do not include the orchestrator's own work; it talks to the system only over loopback HTTP.
 */
export type LoadTask = CannonTask | ForestTask | SseLatencyTask | SseCapacityTask | PacedTask | SumEarningsTask;

/** Closed-loop load with autocannon: `connections` requests always in flight, each to a random path. */
export interface CannonTask {
  kind: 'cannon';
  title: string;
  baseUrl: string;
  method: 'GET' | 'POST';
  /** Each request goes to one of these, chosen at random. */
  paths: string[];
  connections: number;
  durationS: number;
  /** A run of this length first, not counted, so that every process is warm. */
  warmupS: number;
}

export interface CannonResult {
  title: string;
  durationS: number;
  responses: number;
  ok: number;
  okPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Of 2xx responses only (autocannon's histogram, 1 ms resolution). */
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
}

/** Users created and linked through the API: `trees` binary trees of `treeSize` users (parent of k is k/2). */
export interface ForestTask {
  kind: 'forest';
  baseUrl: string;
  trees: number;
  treeSize: number;
  concurrency: number;
  namePrefix: string;
}

export interface Forest {
  /** User ids, in creation order. */
  ids: number[];
  /** The referrer of `ids[i]`, or 0 for a root. */
  parentIds: number[];
}

/** Purchases at a fixed rate while SSE streams are open for `subscribe`: request-to-event latency. */
export interface SseLatencyTask {
  kind: 'sse-latency';
  baseUrl: string;
  eventsBaseUrl: string;
  subscribe: number[];
  buyers: number[];
  amount: string;
  rate: number;
  durationS: number;
  warmupS: number;
}

export interface SseLatencyResult {
  streamsOpened: number;
  streamsFailed: number;
  sent: number;
  ok: number;
  failed: number;
  achievedRate: number;
  /** Credits to subscribed users that the responses announced (measured window only). */
  expectedEvents: number;
  receivedEvents: number;
  /** Purchase request sent → event parsed at the client, in ms. */
  latency: LatencySummary;
  purchaseLatency: LatencySummary;
}

/** `streams` SSE clients of one user, then one purchase that credits that user: fan-out time and memory. */
export interface SseCapacityTask {
  kind: 'sse-capacity';
  baseUrl: string;
  eventsBaseUrl: string;
  userId: number;
  buyerId: number;
  streams: number;
  connectConcurrency: number;
  /** The notifier's pid, for RSS from /proc (absent when the stack is not ours). */
  notifierPid?: number;
  timeoutMs: number;
}

export interface SseCapacityResult {
  streamsOpened: number;
  streamsFailed: number;
  firstFailure?: string;
  connectSeconds: number;
  rssBeforeKiB?: number;
  rssAfterKiB?: number;
  rssPerStreamKiB?: number;
  received: number;
  /** Purchase request sent → the last stream's event, ms. */
  sendToLastMs: number;
  sendToFirstMs: number;
  sendToMedianMs: number;
  purchaseLatencyMs: number;
}

/** Purchases at a fixed rate (open loop), counting successes per buyer: the soak. */
export interface PacedTask {
  kind: 'paced';
  baseUrl: string;
  buyers: number[];
  amount: string;
  rate: number;
  durationS: number;
  /** Interval of the per-window series (s). */
  windowS: number;
}

export interface PacedResult {
  sent: number;
  ok: number;
  failed: number;
  statusCodes: Record<string, number>;
  firstError?: string;
  achievedRate: number;
  latency: LatencySummary;
  /** Successful purchases per buyer, aligned with `buyers`. */
  okPerBuyer: number[];
  /** Paise the 201 responses said were paid, summed. */
  paidPaiseInResponses: number;
  windows: { atS: number; ok: number; failed: number; p99: number }[];
}

/** Sums `/earnings/{id}` for the given users, as a client would check its books. */
export interface SumEarningsTask {
  kind: 'sum-earnings';
  baseUrl: string;
  userIds: number[];
  concurrency: number;
}

export interface SumEarningsResult {
  /** Sum of `total_earnings` (from balances). */
  totalPaise: number;
  /** Sum of every `details[].amount` (the earning rows). */
  detailsPaise: number;
  failures: number;
}

export interface ResultOf {
  cannon: CannonResult;
  forest: Forest;
  'sse-latency': SseLatencyResult;
  'sse-capacity': SseCapacityResult;
  paced: PacedResult;
  'sum-earnings': SumEarningsResult;
}

/** Messages from the load process to the bench. */
export type LoadMessage = { type: 'result'; result: unknown } | { type: 'error'; message: string };
