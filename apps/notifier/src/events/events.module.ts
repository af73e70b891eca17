import { Module, type DynamicModule } from '@nestjs/common';
import { JetStreamConnection } from '@app/platform';
import { NotifierConfig } from '../config';
import { CreditHub } from './credit-hub';
import { EarningsFeed } from './earnings-feed';
import { EarningsHistory } from './earnings-history';
import { EventStreams } from './event-streams';
import { EventsController } from './events.controller';
import { EventsMetrics } from './events.metrics';

@Module({})
export class EventsModule {
  static register(config: NotifierConfig): DynamicModule {
    return {
      module: EventsModule,
      controllers: [EventsController],
      providers: [
        { provide: NotifierConfig, useValue: config },
        JetStreamConnection,
        CreditHub,
        EarningsFeed,
        EarningsHistory,
        EventStreams,
        EventsMetrics,
      ],
      exports: [CreditHub],
    };
  }
}
