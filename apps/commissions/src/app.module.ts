import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EARNINGS_STREAM } from '@app/contracts';
import { databaseOptions, JetStreamConnection, MessagingModule, OpsModule, TransactionRunner } from '@app/platform';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from './config';
import { commissionsEntities } from './database/entities';
import { commissionsMigrations } from './database/migrations';
import { EarningsMessageController } from './earnings/earnings.message.controller';
import { EarningsService } from './earnings/earnings.service';
import { HealthMessageController } from './health.message.controller';
import { HistoryMessageController } from './history/history.message.controller';
import { HistoryService } from './history/history.service';
import { OutboxPublisher } from './outbox/outbox.publisher';
import { PurchasesMessageController } from './purchases/purchases.message.controller';
import { PurchaseMetrics } from './purchases/purchase.metrics';
import { PurchasesService } from './purchases/purchases.service';
import { RefundsMessageController } from './refunds/refunds.message.controller';
import { RefundsService } from './refunds/refunds.service';

@Module({})
export class AppModule {
  static with(config: CommissionsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(
          databaseOptions(
            config.DATABASE_URL,
            commissionsEntities,
            commissionsMigrations,
            config.DATABASE_BUSY_TIMEOUT_MS,
          ),
        ),
        MessagingModule.register({ natsUrl: config.NATS_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS }),
        OpsModule.register({ service: 'commissions', database: true }),
      ],
      controllers: [
        HealthMessageController,
        PurchasesMessageController,
        EarningsMessageController,
        RefundsMessageController,
        HistoryMessageController,
      ],
      providers: [
        { provide: COMMISSIONS_CONFIG, useValue: config },
        {
          provide: JetStreamConnection,
          useFactory: async () => {
            const connection = new JetStreamConnection();
            await connection.connect(config.NATS_URL, 'commissions', [EARNINGS_STREAM]);
            return connection;
          },
        },
        TransactionRunner,
        OutboxPublisher,
        PurchasesService,
        PurchaseMetrics,
        EarningsService,
        RefundsService,
        HistoryService,
      ],
    };
  }
}
