import { DomainError, ErrorCode, type PayoutStatus } from '@app/contracts';

export const payoutNotFound = (payoutId: number): DomainError =>
  new DomainError(ErrorCode.PayoutNotFound, `Payout ${payoutId} does not exist`);

export const payoutNotProcessing = (payoutId: number, status: PayoutStatus): DomainError =>
  new DomainError(ErrorCode.PayoutNotProcessing, `Payout ${payoutId} is ${status}, no longer processing`);

export const payoutRunKeyReused = (): DomainError =>
  new DomainError(
    ErrorCode.IdempotencyKeyReused,
    'This Idempotency-Key was already used for a payout run of another user',
  );
