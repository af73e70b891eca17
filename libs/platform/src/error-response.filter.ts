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

const logger = new Logger('ErrorResponse');

/**
 * The error body for any exception: domain errors keep their code, anything unexpected is a bare 500, logged
 * with the request id (named here: a filter runs outside the request's async context).
 */
export function toErrorResponse(exception: unknown, requestId?: string): ErrorResponse {
  if (exception instanceof DomainError) {
    return { statusCode: HTTP_STATUS_OF[exception.code], code: exception.code, message: exception.message };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    if (statusCode < 500) {
      return { statusCode, code: codeForHttpStatus(statusCode), message: exception.message };
    }
  }
  logger.error({ msg: describe(exception), requestId });
  return { statusCode: 500, code: ErrorCode.Internal, message: 'Internal server error' };
}

/** Answers a request with the error body of `exception`; also for Fastify hooks outside Nest's filters. */
export function replyWithError(reply: FastifyReply, exception: unknown, requestId?: string): FastifyReply {
  const body = toErrorResponse(exception, requestId);
  if (body.statusCode === 401) {
    // RFC 9110: a 401 names the scheme that would be accepted.
    void reply.header('WWW-Authenticate', 'Bearer');
  }
  return reply.status(body.statusCode).send(body);
}

/**
 * Turns every error into the error body of SPEC.md. Domain errors keep their code; HTTP-layer errors get a
 * code from their status; anything else is logged and answered as a bare 500 without internals.
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    void replyWithError(http.getResponse<FastifyReply>(), exception, String(http.getRequest<FastifyRequest>().id));
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
