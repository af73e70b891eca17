import { Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode, type ErrorBody } from '@app/contracts';
import { throwError, type Observable } from 'rxjs';

/**
 * Sends every error of a message handler as `{ code, message }`. A DomainError keeps its code and message;
 * anything else is a bug: it is logged here and leaves the process only as a generic INTERNAL error.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcErrorFilter.name);

  catch(exception: unknown): Observable<ErrorBody> {
    if (exception instanceof DomainError) {
      return throwError(() => exception.toBody());
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return throwError(() => ({ code: ErrorCode.Internal, message: 'Internal error' }));
  }
}
