import { DomainError, ErrorCode } from '@app/contracts';

export const invalidIdempotencyKey = (maxLength: number): DomainError =>
  new DomainError(ErrorCode.ValidationFailed, `Idempotency-Key must be 1 to ${maxLength} characters`);

export const rateLimited = (retryAfter: string): DomainError =>
  new DomainError(ErrorCode.RateLimited, `Too many requests: try again in ${retryAfter}`);
