import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ADMIN_ONLY, PUBLIC, type AccessRule } from './access-rules';
import { IS_PUBLIC_KEY } from '@app/platform';
import { ACCESS_RULE } from './access.decorators';
import { Authenticator } from './authenticator';
import type { Principal } from './principal';

/** The rule a route is checked against: the one place that reads it, for the guard and the API document. */
export function accessRuleOf(reflector: Reflector, handler: object, controller: object): AccessRule {
  const targets = [handler, controller] as Parameters<Reflector['getAllAndOverride']>[1];
  return reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)
    ? PUBLIC
    : (reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets) ?? ADMIN_ONLY);
}

/**
 * The global guard: every controller route is checked against its `@Access` rule (admin only when it has
 * none). Thin on purpose: the decisions are in `Authenticator` and `access-rules`, which the `/events` hook
 * shares. Runs before pipes, so a caller without the right learns nothing from validation or 404s.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = accessRuleOf(this.reflector, context.getHandler(), context.getClass());
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal | null }>();
    request.principal = this.authenticator.authorize(request, rule, request.params as Record<string, unknown>);
    return true;
  }
}
