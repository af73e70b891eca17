/**
 * Stable error codes shared by every service. Services throw a `DomainError` with one of these codes;
 * the gateway maps each code to an HTTP status in one table.
 * Wire names: never rename one without a migration.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION.FAILED',
  UserNotFound = 'USER.NOT_FOUND',
  ReferralSelf = 'REFERRAL.SELF',
  ReferralAlreadyReferred = 'REFERRAL.ALREADY_REFERRED',
  ReferralCycle = 'REFERRAL.CYCLE',
  ReferralLimitReached = 'REFERRAL.LIMIT_REACHED',
  PurchaseNotFound = 'PURCHASE.NOT_FOUND',
  IdempotencyKeyReused = 'IDEMPOTENCY.KEY_REUSED',
  RefundExceedsPurchase = 'REFUND.EXCEEDS_PURCHASE',
  PayoutNotFound = 'PAYOUT.NOT_FOUND',
  /** Completing or failing a payout that is no longer processing. */
  PayoutNotProcessing = 'PAYOUT.NOT_PROCESSING',
  ServiceUnavailable = 'SERVICE.UNAVAILABLE',
  WebhookNotFound = 'WEBHOOK.NOT_FOUND',
  WebhookDeliveryNotFound = 'WEBHOOK.DELIVERY_NOT_FOUND',
  /** Not http(s), or a host that resolves to a loopback, private, link-local or metadata address. */
  WebhookUrlNotAllowed = 'WEBHOOK.URL_NOT_ALLOWED',
  /** No credential, or one that is malformed, unknown or expired. */
  AuthUnauthenticated = 'AUTH.UNAUTHENTICATED',
  /** A valid credential that does not reach the resource. */
  AuthForbidden = 'AUTH.FORBIDDEN',
  RateLimited = 'RATE.LIMITED',
  PayloadTooLarge = 'REQUEST.TOO_LARGE',
  RouteNotFound = 'ROUTE.NOT_FOUND',
  Internal = 'INTERNAL',
}

/** What travels over NATS when a request is refused. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** A refused request: a broken rule or an unknown id, never a bug. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = DomainError.name;
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }

  /** Recognises an error body that crossed a process boundary. */
  static isBody(value: unknown): value is ErrorBody {
    if (typeof value !== 'object' || value === null) {
      return false;
    }
    const { code, message } = value as Partial<ErrorBody>;
    return typeof message === 'string' && Object.values<unknown>(ErrorCode).includes(code);
  }
}

export const userNotFound = (userId: number): DomainError =>
  new DomainError(ErrorCode.UserNotFound, `User ${userId} does not exist`);
