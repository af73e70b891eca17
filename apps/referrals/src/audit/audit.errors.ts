import { DomainError, ErrorCode } from '@app/contracts';

export const auditDetailsTooLong = (maxLength: number): DomainError =>
  new DomainError(ErrorCode.ValidationFailed, `details must be at most ${maxLength} characters`);
