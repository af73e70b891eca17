import { DomainError, ErrorCode } from '@app/contracts';

export const invalidLastEventId = (): DomainError =>
  new DomainError(ErrorCode.ValidationFailed, 'Last-Event-ID must be an earning id (digits only)');
