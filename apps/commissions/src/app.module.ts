import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions, MessagingModule, OpsModule } from '@app/platform';
import type { CommissionsConfig } from './config';
import { commissionsMigrations } from './database/migrations';
import { EarningsModule } from './earnings/earnings.module';
import { HealthMessageController } from './health.message.controller';
import { HistoryModule } from './history/history.module';
import { LedgerModule } from './ledger/ledger.module';
import { MembersModule } from './members/members.module';
import { PayoutsModule } from './payouts/payouts.module';
import { PurchasesModule } from './purchases/purchases.module';
import { RefundsModule } from './refunds/refunds.module';

@Module({})
export class AppModule {
  static with(config: CommissionsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // No entities: every statement is written out in the ledger repository; TypeORM runs them and the migrations.
        TypeOrmModule.forRoot(
          databaseOptions(config.DATABASE_URL, [], commissionsMigrations, config.DATABASE_BUSY_TIMEOUT_MS),
        ),
        MessagingModule.register({ natsUrl: config.NATS_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS }),
        OpsModule.register({ service: 'commissions', database: true }),
        LedgerModule.register(config),
        MembersModule,
        PurchasesModule,
        RefundsModule,
        EarningsModule,
        HistoryModule,
        PayoutsModule,
      ],
      controllers: [HealthMessageController],
    };
  }
}
