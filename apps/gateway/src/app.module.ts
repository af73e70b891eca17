import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule, OpsModule } from '@app/platform';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import type { GatewayConfig } from './config';
import { EarningsModule } from './earnings/earnings.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { PayoutsModule } from './payouts/payouts.module';
import { PurchasesModule } from './purchases/purchases.module';
import { ReferralsModule } from './referrals/referrals.module';
import { RefundsModule } from './refunds/refunds.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The gateway: the platform's messaging and operations, then one module per feature. */
@Module({})
export class AppModule {
  static with(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.register({ natsUrl: config.NATS_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS }),
        // The gateway's /health checks every service (HealthModule); /ready and /metrics come from here,
        // /metrics for admin keys only: this port is public and the metrics tell purchase volumes.
        OpsModule.register({ service: 'gateway', liveness: false, publicMetrics: false }),
        AuthModule.register(config),
        AuditModule,
        HealthModule,
        UsersModule,
        ReferralsModule,
        PurchasesModule,
        RefundsModule,
        EarningsModule,
        HistoryModule,
        PayoutsModule,
        WebhooksModule,
      ],
    };
  }
}
