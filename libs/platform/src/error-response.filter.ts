import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { codeForHttpStatus, HTTP_STATUS_OF } from './error-status';

/** The error body of SPEC.md: `{ statusCode, code, message }`. */
export interface ErrorResponse {
  statusCode: number;
  code: string;
  message: string;
}

/**
 * Turns every error into the error body of SPEC.md. Domain errors keep their code; HTTP-layer errors get a
 * code from their status; anything else is logged and answered as a bare 500 without internals.
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorResponseFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const body = this.toResponse(exception, String(http.getRequest<FastifyRequest>().id));
    void http.getResponse<FastifyReply>().status(body.statusCode).send(body);
  }

  private toResponse(exception: unknown, requestId: string): ErrorResponse {
    if (exception instanceof DomainError) {
      return { statusCode: HTTP_STATUS_OF[exception.code], code: exception.code, message: exception.message };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      if (statusCode < 500) {
        return { statusCode, code: codeForHttpStatus(statusCode), message: exception.message };
      }
    }
    // Named here: a filter runs outside the request's async context, so the logger cannot add it.
    this.logger.error({ msg: describe(exception), requestId });
    return { statusCode: 500, code: ErrorCode.Internal, message: 'Internal server error' };
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
