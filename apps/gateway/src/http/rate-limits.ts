import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { rateLimited } from './http.errors';

export interface RateLimits {
  perCredentialPerMinute: number;
  perIpPerMinute: number;
}

/**
 * The bucket a request counts against: its credential when it has a valid one, else its IP address. A shop's
 * key is limited however many addresses it calls from, and callers without a valid credential (including
 * anyone guessing keys) share their address's allowance. Keys and tokens are named by id, never by value.
 */
export function rateLimitBucket(principal: Principal | null, ip: string): string {
  if (principal === null) {
    return `ip:${ip}`;
  }
  // A session shares its key's allowance: minting sessions does not multiply it.
  return principal.kind === 'user' ? `user:${principal.userId}` : `key:${principal.keyId}`;
}

export const allowanceOf = (bucket: string, limits: RateLimits): number =>
  bucket.startsWith('ip:') ? limits.perIpPerMinute : limits.perCredentialPerMinute;

/**
 * `@fastify/rate-limit` options: a one-minute window per bucket, in this process's memory (each gateway
 * instance counts on its own). A refusal is a 429 error body with `Retry-After` in seconds.
 */
export function rateLimitOptions(authenticator: Authenticator, limits: RateLimits): RateLimitPluginOptions {
  return {
    global: true,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => rateLimitBucket(authenticator.principalOf(request), request.ip),
    max: (_request: FastifyRequest, bucket: string) => allowanceOf(bucket, limits),
    errorResponseBuilder: (_request, context) => rateLimited(context.after),
  };
}
