import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/contracts';
import type { FastifyReply } from 'fastify';
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
    const body = this.toResponse(exception);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (body.statusCode === 401) {
      // RFC 9110: a 401 names the scheme that would be accepted.
      void reply.header('WWW-Authenticate', 'Bearer');
    }
    void reply.status(body.statusCode).send(body);
  }

  private toResponse(exception: unknown): ErrorResponse {
    if (exception instanceof DomainError) {
      return { statusCode: HTTP_STATUS_OF[exception.code], code: exception.code, message: exception.message };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      if (statusCode < 500) {
        return { statusCode, code: codeForHttpStatus(statusCode), message: exception.message };
      }
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: 500, code: ErrorCode.Internal, message: 'Internal server error' };
  }
}
