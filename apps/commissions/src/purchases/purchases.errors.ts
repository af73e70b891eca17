import { DomainError, ErrorCode } from '@app/contracts';

export const idempotencyKeyReused = (): DomainError =>
  new DomainError(
    ErrorCode.IdempotencyKeyReused,
    'This Idempotency-Key was already used for a purchase with another buyer or amount',
  );

/** A bug, never a refused request: the balance upsert and the cap rule must always agree (500, rolled back). */
export const ledgerDisagreesWithRules = (
  userId: number,
  level: number,
  ledgerPaise: number,
  rulesPaise: number,
): Error =>
  new Error(
    `The ledger credited ${ledgerPaise} paise to user ${userId} at level ${level} where the rules pay ${rulesPaise}`,
  );
