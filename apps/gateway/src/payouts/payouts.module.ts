import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { PayoutsController } from './payouts.controller';

/** Balances and payouts (admin writes are audited; the CSV names the payees). */
@Module({ imports: [AuditModule, UsersModule], controllers: [PayoutsController] })
export class PayoutsModule {}
