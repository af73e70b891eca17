import { type DynamicModule, Module } from '@nestjs/common';
import { ClientsModule } from '@nestjs/microservices';
import { NATS_CLIENT, natsTransport } from './nats';
import { ServiceClient } from './service-client';
import { REQUEST_TIMEOUT_MS } from './tokens';

export interface MessagingOptions {
  natsUrl: string;
  requestTimeoutMs: number;
}

/** Provides the typed `ServiceClient` over one NATS connection. */
@Module({})
export class MessagingModule {
  static register({ natsUrl, requestTimeoutMs }: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [ClientsModule.register([{ name: NATS_CLIENT, ...natsTransport(natsUrl) }])],
      providers: [ServiceClient, { provide: REQUEST_TIMEOUT_MS, useValue: requestTimeoutMs }],
      exports: [ServiceClient, ClientsModule],
    };
  }
}
