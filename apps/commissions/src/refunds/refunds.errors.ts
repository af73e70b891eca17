import { DomainError, ErrorCode } from '@app/contracts';

export const purchaseNotFound = (purchaseId: number): DomainError =>
  new DomainError(ErrorCode.PurchaseNotFound, `Purchase ${purchaseId} does not exist`);

export const refundExceedsPurchase = (purchaseId: number, leftPaise: number): DomainError =>
  new DomainError(
    ErrorCode.RefundExceedsPurchase,
    leftPaise === 0
      ? `Purchase ${purchaseId} is already fully refunded`
      : `Refunds of purchase ${purchaseId} cannot exceed the purchase: at most ₹${(leftPaise / 100).toFixed(2)} is left`,
  );

export const refundKeyReused = (): DomainError =>
  new DomainError(
    ErrorCode.IdempotencyKeyReused,
    'This Idempotency-Key was already used for a refund of another purchase or amount',
  );
