import { Injectable } from '@nestjs/common';
import { EARNINGS_STREAM } from '@app/contracts';
import { MetricsRegistry, withTimeout } from '@app/platform';
import { Gauge } from 'prom-client';
import { CreditHub } from './credit-hub';
import { EarningsFeed } from './earnings-feed';

/** How long a scrape waits for the stream's state before it leaves the lag out (ms). */
const LAG_TIMEOUT_MS = 1_000;

/**
 * The notifier's gauges, read when Prometheus scrapes rather than kept up to date on every event: open SSE
 * connections (the hub's subscriptions, one per stream) and how far this instance's JetStream reader is
 * behind the EARNINGS stream.
 */
@Injectable()
export class EventsMetrics {
  constructor(registry: MetricsRegistry, hub: CreditHub, feed: EarningsFeed) {
    new Gauge({
      name: 'notifier_sse_connections',
      help: 'Open SSE connections on this instance',
      registers: [registry],
      collect() {
        this.set(hub.subscriptionCount());
      },
    });
    new Gauge({
      name: 'notifier_jetstream_consumer_pending',
      help: 'Earning events in the stream not yet read by this instance (absent when the broker did not answer)',
      labelNames: ['stream'],
      registers: [registry],
      async collect() {
        try {
          const pending = await withTimeout(feed.pending(), LAG_TIMEOUT_MS, 'no stream info in time');
          this.set({ stream: EARNINGS_STREAM.name }, pending);
        } catch {
          this.reset();
        }
      },
    });
  }
}
