import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { RequestSubject } from '@app/contracts';
import { Public, sendHealth, ServiceClient } from '@app/platform';
import type { FastifyReply } from 'fastify';

const SERVICE_HEALTH = {
  referrals: RequestSubject.ReferralsHealth,
  commissions: RequestSubject.CommissionsHealth,
  notifier: RequestSubject.NotifierHealth,
} as const;

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly services: ServiceClient,
  ) {}

  /**
   * The whole system answers: 200 when every service behind the gateway answers its health request over NATS,
   * 503 naming those that do not. The stack launcher waits on this. The gateway's own readiness is `/ready`.
   */
  @Get('health')
  @ApiOperation({ summary: 'Every service behind the gateway answers over NATS' })
  @ApiResponse({ status: 200, description: 'All services answer' })
  @ApiResponse({ status: 503, description: 'At least one service does not answer; `error` names it' })
  async healthOfServices(@Res() reply: FastifyReply): Promise<void> {
    await sendHealth(
      reply,
      this.health.check(
        Object.entries(SERVICE_HEALTH).map(([name, subject]) => async () => {
          const indicator = this.indicators.check(name);
          try {
            await this.services.request(subject, {});
            return indicator.up();
          } catch (error) {
            return indicator.down({ message: error instanceof Error ? error.message : String(error) });
          }
        }),
      ),
    );
  }
}
