import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy, NatsRecordBuilder, type NatsRecord } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  type EventSubject,
  type PayloadOf,
  type RequestOf,
  type RequestSubject,
  type ResponseOf,
} from '@app/contracts';
import { headers as natsHeaders } from 'nats';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { NATS_CLIENT } from './nats';
import { currentRequestId, outsideRequests, REQUEST_ID_HEADER } from './request-context';
import { REQUEST_TIMEOUT_MS } from './tokens';

/**
 * Typed requests and events over NATS: the subject decides the payload and the answer's type.
 * A request that is not answered in time becomes SERVICE.UNAVAILABLE; a refusal keeps its domain code.
 * The id of the request being handled travels along in the `x-request-id` NATS header.
 */
@Injectable()
export class ServiceClient {
  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientProxy,
    @Inject(REQUEST_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  private connecting?: Promise<unknown>;

  async request<S extends RequestSubject>(subject: S, payload: RequestOf<S>): Promise<ResponseOf<S>> {
    this.connectOutsideRequests();
    try {
      return await firstValueFrom(
        this.client
          .send<ResponseOf<S>, RequestOf<S> | NatsRecord<RequestOf<S>>>(subject, withRequestId(payload))
          .pipe(timeout(this.timeoutMs)),
      );
    } catch (error) {
      throw toDomainError(error, subject);
    }
  }

  emit<S extends EventSubject>(subject: S, payload: PayloadOf<S>): void {
    this.connectOutsideRequests();
    // Events are notifications; a lost one is repaired by the reader asking again, never by failing the writer.
    this.client
      .emit<void, PayloadOf<S> | NatsRecord<PayloadOf<S>>>(subject, withRequestId(payload))
      .subscribe({ error: () => undefined });
  }

  /**
   * The client connects on first use, and its connection's status loop lives in the async context of that
   * moment: started here outside the request, so that its log lines carry no request's id. (Errors surface
   * through the request itself, which waits for the same connection.)
   */
  private connectOutsideRequests(): void {
    this.connecting ??= outsideRequests(() => this.client.connect()).catch(() => (this.connecting = undefined));
  }
}

/** The payload as it is, or wrapped with the current request id in its headers when there is one. */
function withRequestId<T>(payload: T): T | NatsRecord<T> {
  const requestId = currentRequestId();
  if (requestId === undefined) {
    return payload;
  }
  const headers = natsHeaders();
  headers.set(REQUEST_ID_HEADER, requestId);
  return new NatsRecordBuilder<T>(payload).setHeaders(headers).build() as NatsRecord<T>;
}

function toDomainError(error: unknown, subject: string): DomainError {
  if (DomainError.isBody(error)) {
    return new DomainError(error.code, error.message);
  }
  const service = subject.split('.')[0];
  const reason = error instanceof TimeoutError ? 'did not answer in time' : 'is unreachable';
  return new DomainError(ErrorCode.ServiceUnavailable, `The ${service} service ${reason}; try again`);
}
