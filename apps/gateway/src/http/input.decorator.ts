import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The request's input: query parameters, with a JSON body's fields accepted as well (SPEC.md: "a JSON body
 * with the same fields is also accepted"). Query parameters win when both name a field. Validated by the
 * global pipe against the parameter's DTO class.
 */
export const Input = createParamDecorator((_: unknown, context: ExecutionContext): Record<string, unknown> => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const body = isPlainObject(request.body) ? request.body : {};
  const query = isPlainObject(request.query) ? request.query : {};
  return { ...body, ...query };
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
