import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule, OpsModule } from '@app/platform';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import type { GatewayConfig } from './config';
import { EarningsController } from './earnings/earnings.controller';
import { HealthController } from './health/health.controller';
import { HistoryController } from './history/history.controller';
import { PurchasesController } from './purchases/purchases.controller';
import { ReferralsController } from './referrals/referrals.controller';
import { ReferralsView } from './referrals/referrals.view';
import { RefundsController } from './refunds/refunds.controller';
import { UserNames } from './users/user-names';
import { UsersController } from './users/users.controller';

@Module({})
export class AppModule {
  static with(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.register({ natsUrl: config.NATS_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS }),
        AuthModule.with(config),
        AuditModule,
        // The gateway's /health checks every service (HealthController); /ready and /metrics come from here,
        // /metrics for admin keys only: this port is public and the metrics tell purchase volumes.
        OpsModule.forService({ service: 'gateway', liveness: false, publicMetrics: false }),
      ],
      controllers: [
        HealthController,
        UsersController,
        ReferralsController,
        PurchasesController,
        RefundsController,
        EarningsController,
        HistoryController,
      ],
      providers: [ReferralsView, UserNames],
    };
  }
}
