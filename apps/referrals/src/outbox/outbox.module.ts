import { Global, Module, type DynamicModule } from '@nestjs/common';
import { USERS_STREAM } from '@app/contracts';
import { JetStreamConnection } from '@app/platform';
import { ReferralsConfig } from '../config';
import { TransactionsModule } from '../database/transactions.module';
import { UserEventsOutbox } from './user-events.outbox';

/** The user events outbox and its JetStream connection (stream USERS), for every feature that changes users. */
@Global()
@Module({})
export class OutboxModule {
  static register(config: ReferralsConfig): DynamicModule {
    return {
      module: OutboxModule,
      imports: [TransactionsModule],
      providers: [
        { provide: ReferralsConfig, useValue: config },
        {
          provide: JetStreamConnection,
          useFactory: async () => {
            const connection = new JetStreamConnection();
            await connection.connect(config.NATS_URL, 'referrals', [USERS_STREAM]);
            return connection;
          },
        },
        UserEventsOutbox,
      ],
      exports: [UserEventsOutbox],
    };
  }
}
