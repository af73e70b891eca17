import { Injectable, Logger, Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { TerminusModule, TypeOrmHealthIndicator, type HealthIndicatorFunction } from '@nestjs/terminus';
import { MetricsRegistry, RequestMetrics } from './metrics';
import { NatsHealthIndicator } from './nats.health';
import {
  GuardedMetricsController,
  LivenessController,
  MetricsController,
  READINESS_CHECKS,
  ReadinessController,
} from './ops.controller';

export interface OpsOptions {
  /** The service's name: a label on every metric. */
  service: string;
  /** Whether `/ready` also pings the service's database (TypeORM's default data source). */
  database?: boolean;
  /** Serve the plain liveness `/health`; off where the service has a `/health` of its own (the gateway). */
  liveness?: boolean;
  /** `/metrics` without credentials (default); false puts it behind the app's guard (the gateway's public port). */
  publicMetrics?: boolean;
}

/** How long each readiness check may take before it counts as down (ms). */
const CHECK_TIMEOUT_MS = 1_500;

/** Terminus logs failed checks through Nest's logger, hence as JSON lines like everything else. */
@Injectable()
class HealthLogger extends Logger {
  constructor() {
    super('Health');
  }
}

/**
 * What operators get from every service: `/health`, `/ready` and `/metrics` (see OPS_PATHS), the process's
 * metrics registry for the service's own metrics.
 */
@Module({})
export class OpsModule {
  static register({ service, database = false, liveness = true, publicMetrics = true }: OpsOptions): DynamicModule {
    const controllers: Type[] = [ReadinessController, publicMetrics ? MetricsController : GuardedMetricsController];
    if (liveness) {
      controllers.unshift(LivenessController);
    }
    const readiness: Provider = {
      provide: READINESS_CHECKS,
      inject: database ? [NatsHealthIndicator, TypeOrmHealthIndicator] : [NatsHealthIndicator],
      useFactory: (nats: NatsHealthIndicator, db?: TypeOrmHealthIndicator): HealthIndicatorFunction[] => [
        () => nats.isConnected('nats', CHECK_TIMEOUT_MS),
        ...(db ? [() => db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS })] : []),
      ],
    };
    return {
      module: OpsModule,
      global: true,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: HealthLogger })],
      controllers,
      providers: [
        { provide: MetricsRegistry, useValue: new MetricsRegistry(service) },
        RequestMetrics,
        NatsHealthIndicator,
        readiness,
      ],
      exports: [MetricsRegistry, RequestMetrics, TerminusModule],
    };
  }
}
