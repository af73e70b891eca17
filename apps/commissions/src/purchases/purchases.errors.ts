import { DomainError, ErrorCode } from '@app/contracts';

export const idempotencyKeyReused = (): DomainError =>
  new DomainError(
    ErrorCode.IdempotencyKeyReused,
    'This Idempotency-Key was already used for a purchase with another buyer or amount',
  );
