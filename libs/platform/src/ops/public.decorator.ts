import { SetMetadata } from '@nestjs/common';

/**
 * Marks a route that answers without credentials (Nest's usual `isPublic` metadata): an authentication guard
 * reads it with the Reflector and lets the request through.
 */
export const IS_PUBLIC_KEY = 'isPublic';
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * The operations routes of every service: public by design (orchestrators and Prometheus call them without
 * credentials). At the gateway `/docs` and `/openapi.json` too; those are Fastify routes outside Nest's guards.
 */
export const OPS_PATHS = ['/health', '/ready', '/metrics'] as const;
