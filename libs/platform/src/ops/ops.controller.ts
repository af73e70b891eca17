import { Controller, Get, Header, Inject, Injectable, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { MetricsRegistry } from './metrics';
import { Public } from './public.decorator';

/** The checks `/ready` runs: NATS, and the database where the service has one. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * Answers a terminus check as 200 with its result, or 503 with the same shape naming what is down. Sent by
 * hand: the shared error filter would turn terminus's 503 exception into a bare 500.
 */
export async function sendHealth(reply: FastifyReply, check: Promise<HealthCheckResult>): Promise<void> {
  let result: HealthCheckResult;
  try {
    result = await check;
  } catch (error) {
    const response = (error as { getResponse?: () => unknown }).getResponse?.();
    if (!isHealthCheckResult(response)) {
      throw error;
    }
    await reply.status(503).send(response);
    return;
  }
  await reply.status(200).send(result);
}

function isHealthCheckResult(value: unknown): value is HealthCheckResult {
  return typeof value === 'object' && value !== null && 'status' in value && 'details' in value;
}

/** `GET /health`: liveness. The process is up and serving HTTP; it says nothing about what it depends on. */
@ApiTags('operations')
@Public()
@Controller()
export class LivenessController {
  constructor(private readonly health: HealthCheckService) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiResponse({ status: 200, description: 'Alive' })
  async liveness(@Res() reply: FastifyReply): Promise<void> {
    await sendHealth(reply, this.health.check([]));
  }
}

/** `GET /ready`: readiness. 200 while NATS (and the database, where there is one) answers; 503 otherwise. */
@ApiTags('operations')
@Public()
@Controller()
export class ReadinessController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: HealthIndicatorFunction[],
  ) {}

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: NATS answers, and the database where the service has one' })
  @ApiResponse({ status: 200, description: 'Ready to take requests' })
  @ApiResponse({ status: 503, description: 'Not ready; `error` names what is down' })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    await sendHealth(reply, this.health.check(this.checks));
  }
}

/** `GET /metrics`: the process's metrics in Prometheus's text format. (Injectable: so the subclasses inherit its constructor's parameter types.) */
@Injectable()
abstract class MetricsRoute {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get('metrics')
  @Header('Content-Type', MetricsRegistry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus metrics of this process' })
  @ApiProduces(MetricsRegistry.PROMETHEUS_CONTENT_TYPE)
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format' })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Open to anyone who reaches it: on services whose HTTP port is an operations port, never published. */
@ApiTags('operations')
@Public()
@Controller()
export class MetricsController extends MetricsRoute {}

/**
 * The same route under the app's own guard: the gateway's port is public, and its metrics tell purchase
 * volumes, so there they take an admin key (Prometheus sends one with `authorization` in its scrape config).
 */
@ApiTags('operations')
@Controller()
export class GuardedMetricsController extends MetricsRoute {}
