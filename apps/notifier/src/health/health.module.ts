import { Module, type DynamicModule } from '@nestjs/common';
import { HealthMessageController } from './health.message.controller';

/** The notifier health request that the gateway's `/health` sends over NATS, with its subscription count. */
@Module({})
export class HealthModule {
  /**
   * `events` is the very EventsModule the app imports (Nest keys dynamic modules by reference), so the
   * subscription count is the live hub's.
   */
  static register(events: DynamicModule): DynamicModule {
    return { module: HealthModule, imports: [events], controllers: [HealthMessageController] };
  }
}
