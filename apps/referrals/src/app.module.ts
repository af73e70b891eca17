import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions, MessagingModule, OpsModule } from '@app/platform';
import { AuditEntryRow } from './audit/audit-entry.entity';
import { AuditTargetRow } from './audit/audit-target.entity';
import { AuditModule } from './audit/audit.module';
import { type ReferralsConfig } from './config';
import { referralsMigrations } from './database/migrations';
import { HealthModule } from './health/health.module';
import { UserEventRow } from './outbox/user-event.entity';
import { OutboxModule } from './outbox/outbox.module';
import { User } from './users/user.entity';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static with(config: ReferralsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(
          databaseOptions(
            config.DATABASE_URL,
            [User, AuditEntryRow, AuditTargetRow, UserEventRow],
            referralsMigrations,
            config.DATABASE_BUSY_TIMEOUT_MS,
          ),
        ),
        MessagingModule.register({ natsUrl: config.NATS_URL, requestTimeoutMs: config.REQUEST_TIMEOUT_MS }),
        OpsModule.register({ service: 'referrals', database: true }),
        HealthModule,
        OutboxModule.register(config),
        UsersModule,
        AuditModule,
      ],
    };
  }
}
