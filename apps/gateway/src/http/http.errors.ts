import { DomainError, ErrorCode } from '@app/contracts';

/** `rule` says what a key must be, naming the header (the limit is stated once, in idempotency-key.ts). */
export const invalidIdempotencyKey = (rule: string): DomainError => new DomainError(ErrorCode.ValidationFailed, rule);

export const rateLimited = (retryAfter: string): DomainError =>
  new DomainError(ErrorCode.RateLimited, `Too many requests: try again in ${retryAfter}`);
