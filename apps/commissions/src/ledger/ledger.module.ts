import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EARNINGS_STREAM, USERS_STREAM } from '@app/contracts';
import { JetStreamConnection, TransactionRunner } from '@app/platform';
import { COMMISSIONS_CONFIG, type CommissionsConfig } from '../config';
import { OutboxPublisher } from '../outbox/outbox.publisher';
import { LedgerRepository } from './ledger.repository';

/** The ledger every feature writes through, its outbox's publisher, and the configuration of the rules. */
@Global()
@Module({})
export class LedgerModule {
  static register(config: CommissionsConfig): DynamicModule {
    return {
      module: LedgerModule,
      providers: [
        { provide: COMMISSIONS_CONFIG, useValue: config },
        {
          provide: JetStreamConnection,
          useFactory: async () => {
            const connection = new JetStreamConnection();
            await connection.connect(config.NATS_URL, 'commissions', [EARNINGS_STREAM, USERS_STREAM]);
            return connection;
          },
        },
        TransactionRunner,
        LedgerRepository,
        OutboxPublisher,
      ],
      exports: [COMMISSIONS_CONFIG, JetStreamConnection, LedgerRepository, OutboxPublisher],
    };
  }
}
