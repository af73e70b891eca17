import { Controller, type INestMicroservice } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { RequestOf, RequestSubject, ResponseOf, UserView } from '@app/contracts';
import { bootstrapService } from '@app/platform';

export type StandInHandlers = {
  [S in RequestSubject]?: (request: RequestOf<S>) => ResponseOf<S> | Promise<ResponseOf<S>>;
};

/**
 * A real Nest microservice on the real broker that answers a few request subjects with test code, standing in
 * for a service that an integration test does not run (throw a DomainError to refuse). It joins the named
 * service's queue group and speaks Nest's NATS framing, so the service under test cannot tell the difference.
 */
export async function startStandIn(
  natsUrl: string,
  service: string,
  handlers: StandInHandlers,
): Promise<INestMicroservice> {
  @Controller()
  class StandInController {}

  for (const [subject, handler] of Object.entries(handlers)) {
    const method = (request: unknown): unknown => (handler as (request: unknown) => unknown)(request);
    Object.defineProperty(StandInController.prototype, subject, { value: method });
    MessagePattern(subject)(StandInController.prototype, subject, { value: method });
  }
  return bootstrapService(
    { module: class StandInModule {}, controllers: [StandInController] },
    service,
    natsUrl,
    'error',
  );
}

/** An active user with no referrer, as a referrals stand-in answers `GetUser`. */
export function standInUser(userId: number): UserView {
  return {
    id: userId,
    name: `U${userId}`,
    isActive: true,
    referredBy: null,
    createdAt: new Date().toISOString(),
    version: 1,
  };
}
