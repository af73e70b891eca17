import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The process's one Prometheus registry: Node's default process metrics and the service's own, each series
 * labelled with the service's name. Served at `/metrics`.
 */
export class MetricsRegistry extends Registry {
  constructor(readonly service: string) {
    super();
    this.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this });
  }
}

/** Latency buckets (seconds) from a millisecond, since most requests inside the system take about one. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** How long requests take: HTTP at every HTTP listener, NATS requests at every service that answers them. */
@Injectable()
export class RequestMetrics {
  readonly http: Histogram<'method' | 'route' | 'status_code'>;
  readonly nats: Histogram<'subject' | 'outcome'>;

  constructor(registry: MetricsRegistry) {
    this.http = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by route pattern, method and status, from arrival to the last byte of the response',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.nats = new Histogram({
      name: 'nats_request_duration_seconds',
      help: 'NATS requests handled by this service, by subject and outcome (ok, or the error code)',
      labelNames: ['subject', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }
}
