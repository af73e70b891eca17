import { Module } from '@nestjs/common';
import { TransactionsModule } from '../database/transactions.module';
import { AuditMessageController } from './audit.message.controller';
import { AuditService } from './audit.service';

/** The audit log of administrator actions. Referrals keeps it because it owns the users it is about. */
@Module({
  imports: [TransactionsModule],
  controllers: [AuditMessageController],
  providers: [AuditService],
})
export class AuditModule {}
