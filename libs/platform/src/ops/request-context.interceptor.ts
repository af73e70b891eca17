import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { requestContext } from '../request-context';

/**
 * Runs each HTTP handler inside its request's context, so that its log lines and the requests it sends to
 * other services carry the request id: Fastify's request id (taken from `X-Request-Id` or made, see
 * `createHttpApp`). NATS requests get theirs from `ContextualNatsServer`.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return requestContext.run({ requestId: String(request.id) }, () => next.handle());
  }
}
