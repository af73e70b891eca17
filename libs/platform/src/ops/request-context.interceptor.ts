import {
  Injectable,
  Logger,
  Optional,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { DomainError } from '@app/contracts';
import type { FastifyRequest } from 'fastify';
import type { MsgHdrs } from 'nats';
import { performance } from 'node:perf_hooks';
import { tap, type Observable } from 'rxjs';
import { DEADLINE_HEADER, deadlineFrom, REQUEST_ID_HEADER, requestContext, requestIdFrom } from '../request-context';
import { RequestMetrics } from './metrics';

/**
 * Runs each handler inside its request's context, so that its log lines and the requests it sends to other
 * services carry the request id. Over HTTP the id is Fastify's request id (taken from `X-Request-Id` or made,
 * see `createHttpApp`); over NATS it comes from the message's `x-request-id` header, or is made when a caller
 * sent none. NATS requests are also timed and logged here, one line each (health checks at debug level).
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Nats');

  constructor(@Optional() private readonly metrics?: RequestMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const type = context.getType();
    if (type === 'http') {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      return requestContext.run({ requestId: String(request.id) }, () => next.handle());
    }
    if (type === 'rpc') {
      return this.handleMessage(context.switchToRpc().getContext<NatsContext>(), next);
    }
    return next.handle();
  }

  private handleMessage(nats: NatsContext, next: CallHandler): Observable<unknown> {
    const subject = nats.getSubject();
    const headers = nats.getHeaders() as MsgHdrs | undefined;
    const requestId = requestIdFrom(headers?.get(REQUEST_ID_HEADER));
    const deadline = deadlineFrom(headers?.get(DEADLINE_HEADER));
    const started = performance.now();
    const finish = (outcome: string): void => {
      const seconds = (performance.now() - started) / 1000;
      this.metrics?.nats.observe({ subject, outcome }, seconds);
      const line = { msg: 'request handled', requestId, subject, outcome, durationMs: Math.round(seconds * 1e4) / 10 };
      if (subject.endsWith('.health')) {
        this.logger.debug(line);
      } else {
        this.logger.log(line);
      }
    };
    // handle() is called inside run(): Nest binds the handler's async context at that moment.
    return requestContext.run({ requestId, deadline }, () =>
      next.handle().pipe(
        tap({
          complete: () => finish('ok'),
          error: (error: unknown) => finish(error instanceof DomainError ? error.code : 'error'),
        }),
      ),
    );
  }
}
