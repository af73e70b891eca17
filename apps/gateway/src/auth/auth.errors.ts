import { DomainError, ErrorCode } from '@app/contracts';

/** No credential at all: 401, and what would do. */
export const credentialRequired = (): DomainError =>
  new DomainError(
    ErrorCode.AuthUnauthenticated,
    'A credential is required: an API key (Authorization: Bearer <key> or X-API-Key) or a user token',
  );

/** A credential that is malformed, unknown or expired: 401, saying which without repeating it. */
export const credentialRefused = (reason: string): DomainError =>
  new DomainError(ErrorCode.AuthUnauthenticated, reason);

/** A valid credential without the right: 403, saying what was needed. */
export const forbidden = (message: string): DomainError => new DomainError(ErrorCode.AuthForbidden, message);

export const tokenTtlTooLong = (maxSeconds: number): DomainError =>
  new DomainError(ErrorCode.ValidationFailed, `ttl must be at most ${maxSeconds}`);
