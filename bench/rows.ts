import type { ServiceName } from '../tools/stack/stack';
import type { WindowStats } from './context';
import type { CannonResult } from './load/protocol';
import type { Scale } from './options';
import type { PurchasesOutcome } from './parts/purchases';
import type { ReadsOutcome } from './parts/reads';
import type { SoakOutcome } from './parts/soak';
import type { SseCapacityOutcome, Unavailable } from './parts/sse';
import type { WebhooksOutcome } from './parts/webhooks';
import type { SseLatencyResult } from './load/protocol';
import { int, ms, percent, type Row } from './report';

/** What each part produced, or why it failed. */
export interface PartResults {
  ceiling?: CannonResult | Failed;
  purchases?: PurchasesOutcome | Failed;
  sseLatency?: SseLatencyResult | Unavailable | Failed;
  sseCapacity?: SseCapacityOutcome | Unavailable | Failed;
  webhooks?: WebhooksOutcome | Failed;
  reads?: ReadsOutcome | Failed;
  soak?: SoakOutcome | Failed;
}

export interface Failed {
  error: string;
}

/** The targets of issue 6 (this 2-core machine, everything on it). */
export const TARGETS = {
  purchasesPerSecond: 3_000,
  purchaseP99Ms: 25,
  shareOfCeiling: 0.25,
  sseP99Ms: 20,
  sseStreams: 10_000,
  sseFanOutMs: 250,
  sseKiBPerStream: 30,
  readP99Ms: 10,
  readsPerSecond: 5_000,
  soakRssGrowth: 0.1,
};

const failed = (value: object | undefined): value is Failed => value !== undefined && 'error' in value;
const unavailable = (value: object | undefined): value is Unavailable => value !== undefined && 'unavailable' in value;

/** Turns the parts' results into the table: metric, value, target, pass/fail. */
export function buildRows(results: PartResults, scale: Scale): Row[] {
  const rows: Row[] = [];
  const failure = (metric: string, error: Failed): Row => ({
    metric,
    value: 'error',
    target: '',
    pass: false,
    note: `FAIL: ${error.error}`,
  });

  const { ceiling } = results;
  if (failed(ceiling)) {
    rows.push(failure('Ceiling (bare Nest + Fastify)', ceiling));
  } else if (ceiling) {
    rows.push({
      metric: `Ceiling: bare Nest + Fastify POST /purchase, same validation, ${scale.connections} conns`,
      value: `${int(ceiling.okPerSecond)} req/s, p99 ${ms(ceiling.latency.p99)}`,
      target: 'reference',
    });
  }

  const { purchases } = results;
  if (failed(purchases)) {
    rows.push(failure('Purchases', purchases));
  } else if (purchases) {
    const { cannon } = purchases;
    const errors = cannon.non2xx + cannon.errors + cannon.timeouts;
    rows.push(
      {
        metric: `Purchases/s, ${scale.connections} conns, ${int(purchases.users)}-user forest, ${cannon.durationS} s`,
        value: int(cannon.okPerSecond),
        target: `≥ ${int(TARGETS.purchasesPerSecond)}`,
        pass: cannon.okPerSecond >= TARGETS.purchasesPerSecond,
      },
      { metric: 'Purchase latency p50', value: ms(cannon.latency.p50), target: '' },
      {
        metric: 'Purchase latency p99',
        value: ms(cannon.latency.p99),
        target: `≤ ${TARGETS.purchaseP99Ms} ms`,
        pass: cannon.latency.p99 <= TARGETS.purchaseP99Ms,
      },
      {
        metric: 'Purchase errors (non-2xx, socket errors, timeouts)',
        value: `${int(errors)} of ${int(cannon.responses + cannon.errors + cannon.timeouts)}`,
        target: '0',
        pass: errors === 0,
      },
    );
    if (ceiling && !failed(ceiling)) {
      const share = cannon.okPerSecond / ceiling.okPerSecond;
      rows.push({
        metric: 'Purchases/s as a share of the ceiling',
        value: percent(share),
        target: `≥ ${percent(TARGETS.shareOfCeiling)}`,
        pass: share >= TARGETS.shareOfCeiling,
      });
    }
    if (purchases.shares) {
      const total = Object.values(purchases.shares).reduce((sum, count) => sum + count, 0);
      rows.push({
        metric: 'Shares paid in full (rest: capped)',
        value: percent((purchases.shares.credited ?? 0) / total),
        target: '',
      });
    }
    rows.push({
      metric: 'CPU per purchase, ms (gateway / commissions / referrals / notifier / NATS / machine)',
      value: cpuPer(purchases.window, cannon.ok),
      target: '',
    });
  }

  const { sseLatency } = results;
  const sseP99Metric = `Purchase → SSE event p99 at ${int(scale.sseRate)} purchases/s`;
  if (failed(sseLatency)) {
    rows.push(failure('Purchase → SSE', sseLatency));
  } else if (unavailable(sseLatency)) {
    rows.push({ metric: sseP99Metric, value: '—', target: `≤ ${TARGETS.sseP99Ms} ms`, note: sseLatency.unavailable });
  } else if (sseLatency) {
    rows.push(
      { metric: 'Purchase → SSE event p50', value: ms(sseLatency.latency.p50), target: '' },
      {
        metric: `Purchase → SSE event p99 at ${int(sseLatency.achievedRate)} purchases/s (${int(sseLatency.streamsOpened)} streams)`,
        value: ms(sseLatency.latency.p99),
        target: `≤ ${TARGETS.sseP99Ms} ms`,
        pass: sseLatency.latency.p99 <= TARGETS.sseP99Ms && sseLatency.achievedRate >= scale.sseRate * 0.95,
      },
      {
        metric: 'SSE events received / credits announced to subscribers',
        value: `${int(sseLatency.receivedEvents)} / ${int(sseLatency.expectedEvents)}`,
        target: 'all',
        pass: sseLatency.receivedEvents === sseLatency.expectedEvents && sseLatency.failed === 0,
      },
    );
  }

  const { sseCapacity } = results;
  const streamsTarget = scale.sseStreams;
  if (failed(sseCapacity)) {
    rows.push(failure('SSE capacity', sseCapacity));
  } else if (unavailable(sseCapacity)) {
    rows.push(
      {
        metric: `SSE: ${int(streamsTarget)} streams, one credit, until the last receives it`,
        value: '—',
        target: `≤ ${TARGETS.sseFanOutMs} ms`,
        note: sseCapacity.unavailable,
      },
      {
        metric: 'SSE memory per stream (notifier RSS)',
        value: '—',
        target: `≤ ${TARGETS.sseKiBPerStream} KB`,
        note: sseCapacity.unavailable,
      },
    );
  } else if (sseCapacity) {
    rows.push(
      {
        metric: `SSE streams open on one notifier (via ${sseCapacity.via})`,
        value: `${int(sseCapacity.streamsOpened)} / ${int(streamsTarget)}`,
        target: int(TARGETS.sseStreams),
        pass: sseCapacity.streamsOpened >= TARGETS.sseStreams,
      },
      {
        metric: `SSE fan-out: purchase request → event at the last of ${int(sseCapacity.streamsOpened)} streams`,
        value: `${ms(sseCapacity.sendToLastMs)} (${int(sseCapacity.received)} received)`,
        target: `≤ ${TARGETS.sseFanOutMs} ms`,
        pass: sseCapacity.received === sseCapacity.streamsOpened && sseCapacity.sendToLastMs <= TARGETS.sseFanOutMs,
      },
      {
        metric: 'SSE memory per stream (notifier RSS)',
        value: sseCapacity.rssPerStreamKiB === undefined ? '—' : `${sseCapacity.rssPerStreamKiB} KB`,
        target: `≤ ${TARGETS.sseKiBPerStream} KB`,
        pass:
          sseCapacity.rssPerStreamKiB === undefined
            ? undefined
            : sseCapacity.rssPerStreamKiB <= TARGETS.sseKiBPerStream,
      },
    );
  }

  const { webhooks } = results;
  if (failed(webhooks)) {
    rows.push(failure('Webhooks', webhooks));
  } else if (webhooks) {
    rows.push({
      metric: `Webhooks: credits/s to one endpoint (${int(webhooks.credits)} credits), delivery p99 after the commit`,
      value: `${int(webhooks.creditsPerSecond)}/s, p99 ${ms(webhooks.latency.p99)}`,
      target: '',
      note: `purchases sent in ${webhooks.purchasesS} s; notifier CPU ${notifierCpuPer(webhooks.window, webhooks.credits)} ms per credit`,
    });
  }

  const { reads } = results;
  if (failed(reads)) {
    rows.push(failure('Reads at scale', reads));
  } else if (reads) {
    const scaleNote = `${compact(reads.seed.users)} users, ${compact(reads.seed.earnings)} earnings`;
    for (const { path, cannon, window } of reads.endpoints) {
      const errors = cannon.non2xx + cannon.errors + cannon.timeouts;
      rows.push(
        {
          metric: `GET ${path} req/s (${scaleNote})`,
          value: int(cannon.okPerSecond) + (errors ? ` (${int(errors)} errors)` : ''),
          target: `≥ ${int(TARGETS.readsPerSecond)}`,
          pass: cannon.okPerSecond >= TARGETS.readsPerSecond && errors === 0,
        },
        {
          metric: `GET ${path} p99`,
          value: ms(cannon.latency.p99),
          target: `≤ ${TARGETS.readP99Ms} ms`,
          pass: cannon.latency.p99 <= TARGETS.readP99Ms,
        },
        {
          metric: `CPU per GET ${path}, ms (gateway / commissions / referrals / notifier / NATS / machine)`,
          value: cpuPer(window, cannon.ok),
          target: '',
        },
      );
    }
  }

  const { soak } = results;
  if (failed(soak)) {
    rows.push(failure('Soak', soak));
  } else if (soak) {
    const { paced, books, expectedPaise } = soak;
    rows.push(
      {
        metric: `Soak: purchases at ${int(paced.achievedRate)}/s for ${scale.soakS} s, p99`,
        value: ms(paced.latency.p99),
        target: '',
      },
      {
        metric: 'Soak: errors',
        value: `${int(paced.failed)} of ${int(paced.sent)}`,
        target: '0',
        pass: paced.failed === 0,
      },
    );
    for (const [name, rss] of Object.entries(soak.rss)) {
      rows.push({
        metric: `Soak: ${name} RSS, early → late`,
        value: `${int(rss.earlyKiB / 1024)} → ${int(rss.lateKiB / 1024)} MiB (${rss.growth >= 0 ? '+' : ''}${percent(rss.growth)})`,
        target: `within ±${percent(TARGETS.soakRssGrowth)}`,
        pass: Math.abs(rss.growth) <= TARGETS.soakRssGrowth,
      });
    }
    const balanced =
      books.failures === 0 &&
      books.totalPaise === expectedPaise &&
      books.detailsPaise === expectedPaise &&
      paced.paidPaiseInResponses === expectedPaise;
    rows.push({
      metric: 'Soak: Σ earnings (totals / rows / responses) = Σ expected shares',
      value: `₹${rupees(books.totalPaise)} / ₹${rupees(books.detailsPaise)} / ₹${rupees(paced.paidPaiseInResponses)} vs ₹${rupees(expectedPaise)}`,
      target: 'equal',
      pass: balanced,
    });
  }
  return rows;
}

function notifierCpuPer(window: WindowStats, credits: number): string {
  const seconds = window.cpuSecondsByService.notifier;
  return seconds === undefined || !Number.isFinite(seconds) || credits === 0
    ? '—'
    : ((seconds * 1000) / credits).toFixed(3);
}

function cpuPer(window: WindowStats, operations: number): string {
  const per = (seconds: number | undefined): string =>
    seconds === undefined || !Number.isFinite(seconds) || operations === 0
      ? '—'
      : ((seconds * 1000) / operations).toFixed(3);
  const services: ServiceName[] = ['gateway', 'commissions', 'referrals', 'notifier'];
  return [
    ...services.map((name) => per(window.cpuSecondsByService[name])),
    per(window.brokerCpuSeconds),
    per(window.machineBusySeconds),
  ].join(' / ');
}

const compact = (value: number): string =>
  value >= 1_000_000
    ? `${Math.round(value / 100_000) / 10}M`
    : value >= 1_000
      ? `${Math.round(value / 100) / 10}k`
      : String(value);
const rupees = (paise: number): string => (paise / 100).toLocaleString('en', { minimumFractionDigits: 2 });
