import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  type EventSubject,
  type PayloadOf,
  type RequestOf,
  type RequestSubject,
  type ResponseOf,
} from '@app/contracts';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { NATS_CLIENT } from './nats';
import { REQUEST_TIMEOUT_MS } from './tokens';

/**
 * Typed requests and events over NATS: the subject decides the payload and the answer's type.
 * A request that is not answered in time becomes SERVICE.UNAVAILABLE; a refusal keeps its domain code.
 */
@Injectable()
export class ServiceClient {
  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientProxy,
    @Inject(REQUEST_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  async request<S extends RequestSubject>(subject: S, payload: RequestOf<S>): Promise<ResponseOf<S>> {
    try {
      return await firstValueFrom(
        this.client.send<ResponseOf<S>, RequestOf<S>>(subject, payload).pipe(timeout(this.timeoutMs)),
      );
    } catch (error) {
      throw toDomainError(error, subject);
    }
  }

  emit<S extends EventSubject>(subject: S, payload: PayloadOf<S>): void {
    // Events are notifications; a lost one is repaired by the reader asking again, never by failing the writer.
    this.client.emit<void, PayloadOf<S>>(subject, payload).subscribe({ error: () => undefined });
  }
}

function toDomainError(error: unknown, subject: string): DomainError {
  if (DomainError.isBody(error)) {
    return new DomainError(error.code, error.message);
  }
  const service = subject.split('.')[0];
  const reason = error instanceof TimeoutError ? 'did not answer in time' : 'is unreachable';
  return new DomainError(ErrorCode.ServiceUnavailable, `The ${service} service ${reason}; try again`);
}
