import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { DomainError, ErrorCode, type ErrorBody } from '@app/contracts';
import type { MsgHdrs } from 'nats';
import { throwError, type Observable } from 'rxjs';
import { REQUEST_ID_HEADER } from './request-context';

/**
 * Sends every error of a message handler as `{ code, message }`. A DomainError keeps its code and message;
 * anything else is a bug: it is logged here and leaves the process only as a generic INTERNAL error.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): Observable<ErrorBody> {
    if (exception instanceof DomainError) {
      return throwError(() => exception.toBody());
    }
    // Named here: a filter runs outside the request's async context, so the logger cannot add it.
    const nats = host.switchToRpc().getContext<NatsContext | undefined>();
    const headers = nats?.getHeaders() as MsgHdrs | undefined;
    this.logger.error({
      msg: exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      requestId: headers?.get(REQUEST_ID_HEADER) || undefined,
    });
    return throwError(() => ({ code: ErrorCode.Internal, message: 'Internal error' }));
  }
}
